package dev.selektor.storage.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void countsNamesAndValuesAsDynamoDbDoes() {
        // "name" + "Grüße": 4 + 7 UTF-8 bytes; "content" + 5 bytes; "n" + 12345 (5 digits: 3 + 1).
        assertEquals(
                4 + 7 + 7 + 5 + 1 + 4,
                ItemSize.of(Map.of(
                        "name", AttributeValue.fromS("Grüße"),
                        "content", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[5])),
                        "n", AttributeValue.fromN("12345"))));
    }

    @Test
    void aListCountsThreeBytesAndOnePerElementOnTopOfItsElements() {
        assertEquals(
                "warnings".length() + 3 + (1 + 2) + (1 + 3),
                ItemSize.of(Map.of(
                        "warnings",
                        AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromS("cde"))))));
    }
}
