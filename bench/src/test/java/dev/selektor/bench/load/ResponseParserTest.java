package dev.selektor.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator counts an answer as done, and its connection as free, when this parser says so: an answer
 * ended too early or too late would shift every latency after it on that connection, so these are the cases a real
 * server sends (Quarkus' keep-alive answers, chunked bodies, interim 100s, errors, closing answers).
 */
class ResponseParserTest {
    private final ResponseParser parser = new ResponseParser();

    @BeforeEach
    void fresh() {
        parser.reset();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void anAnswerArrivingOneByteAtATimeIsDoneExactlyAtItsLastByte() throws IOException {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 11\r\n\r\n{\"ok\":true}";
        byte[] all = answer.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < all.length - 1; i++) {
            assertFalse(parser.feed(ByteBuffer.wrap(all, i, 1)), "done after byte " + i);
        }
        assertTrue(parser.feed(ByteBuffer.wrap(all, all.length - 1, 1)));
        assertEquals(200, parser.status());
        assertFalse(parser.closeAfter());
        assertNull(parser.sample(), "no sample of a 2xx body");
    }

    @Test
    void twoKeepAliveAnswersInOneReadAreTwoAnswers() throws IOException {
        ByteBuffer in = bytes(
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        assertTrue(parser.feed(in));
        assertEquals(200, parser.status());
        assertTrue(in.hasRemaining(), "the second answer's bytes are left for it");
        parser.reset();
        assertTrue(parser.feed(in));
        assertEquals(201, parser.status());
        assertFalse(in.hasRemaining());
    }

    @Test
    void aChunkedBodyEndsAtTheZeroChunkAndItsTrailers() throws IOException {
        assertFalse(parser.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n")));
        assertFalse(parser.feed(bytes("a\r\n0123456789\r\n0\r\nX-Trailer: t\r\n")));
        assertTrue(parser.feed(bytes("\r\n")));
        assertEquals(200, parser.status());
    }

    @Test
    void anInterimContinueIsNotTheAnswer() throws IOException {
        assertFalse(parser.feed(bytes("HTTP/1.1 100 Continue\r\n\r\n")));
        assertTrue(parser.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));
        assertEquals(200, parser.status());
    }

    @Test
    void anErrorAnswerKeepsTheStartOfItsBodyToReport() throws IOException {
        assertTrue(
                parser.feed(
                        bytes(
                                "HTTP/1.1 401 Unauthorized\r\nContent-Length: 22\r\nConnection: close\r\n\r\n{\"title\":\n \"no login\"}")));
        assertEquals(401, parser.status());
        assertTrue(parser.closeAfter());
        assertEquals("401 {\"title\": \"no login\"}", parser.sample());
    }

    @Test
    void aBodyWithoutLengthRunsToTheEndOfTheStream() throws IOException {
        assertFalse(parser.feed(bytes("HTTP/1.0 200 OK\r\n\r\nsome body")));
        assertTrue(parser.closeAfter());
        assertTrue(parser.endOfStream());
        assertEquals(200, parser.status());
    }

    @Test
    void noContentHasNoBody() throws IOException {
        assertTrue(parser.feed(bytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")));
        assertEquals(204, parser.status());
    }

    @Test
    void whatIsNotHttpIsAnError() {
        assertThrows(IOException.class, () -> parser.feed(bytes("SSH-2.0-OpenSSH_9.2\r\n")));
        parser.reset();
        assertThrows(IOException.class, () -> parser.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n")));
        parser.reset();
        assertThrows(
                IOException.class,
                () -> parser.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")));
    }
}
