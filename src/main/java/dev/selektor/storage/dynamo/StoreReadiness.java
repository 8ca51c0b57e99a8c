package dev.selektor.storage.dynamo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Ready only while the store answers, so that a load balancer sends no traffic to an instance that would 503. */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    @Override
    public HealthCheckResponse call() {
        String table = tables.name(Tables.CUSTOMERS);
        try {
            dynamo.describeTable(b -> b.tableName(table));
            return HealthCheckResponse.named("dynamodb")
                    .up()
                    .withData("table", table)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("dynamodb")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
