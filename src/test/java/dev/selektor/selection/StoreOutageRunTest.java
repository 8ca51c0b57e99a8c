package dev.selektor.selection;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.selektor.testing.ActingUser;
import dev.selektor.testing.Await;
import dev.selektor.testing.ExtendDbServer;
import dev.selektor.testing.RunComparison;
import dev.selektor.testing.SampleCampaigns;
import dev.selektor.testing.SelectionRuns;
import dev.selektor.testing.StoreProxy;
import dev.selektor.testing.TestCustomers;
import dev.selektor.testing.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Runs over 20,000 customers in a store of this test's own (an ExtendDB with its data file, behind a proxy that can
 * throttle) ride out what a long run meets: the store killed and back 10 s later, throttled writes, a worker that
 * stops without its process dying. Each ends with exactly the results, counts and events of an uninterrupted run.
 */
@QuarkusTest
@TestProfile(StoreOutageRunTest.OwnStore.class)
@ActingUser("tester")
class StoreOutageRunTest {
    private static final int CUSTOMERS = 20_000;
    private static final String RUN_DATE = "2026-11-26";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

    /** This test's ExtendDB, and the proxy the service reaches it through. */
    public static class OwnStore implements QuarkusTestProfile {
        static ExtendDbServer server;
        static StoreProxy proxy;

        @Override
        public synchronized Map<String, String> getConfigOverrides() {
            if (server == null) {
                server = new ExtendDbServer();
                server.start();
                proxy = new StoreProxy(server.endpoint());
            }
            Map<String, String> settings = new HashMap<>(server.clientSettings());
            settings.put("selektor.dynamodb.endpoint", proxy.endpoint().toString());
            return settings;
        }
    }

    /** The campaign and the uninterrupted run every test compares with, made by the first test that needs them. */
    private record Reference(String campaignId, String runId, JsonPath status, Map<String, SelectionResult> results) {}

    private static Reference reference;

    @Inject
    SelectionResultRepository results;

    @Inject
    LocalRunCoordinator processor;

    private synchronized Reference reference() throws InterruptedException {
        if (reference == null) {
            assertEquals(
                    OwnStore.proxy.endpoint().toString(),
                    ConfigProvider.getConfig().getValue("selektor.dynamodb.endpoint", String.class),
                    "the service uses this test's own store");
            TestCustomers.importSynthetic(TestIds.unique("C-OUTAGE"), LocalDate.parse(RUN_DATE), CUSTOMERS);
            String campaignId = TestIds.unique("winback-outage");
            SampleCampaigns.defineAs("winback-180", campaignId);
            String runId = SelectionRuns.start(campaignId, RUN_DATE);
            JsonPath status = SelectionRuns.awaitCompletion(runId, RUN_TIMEOUT);
            assertEquals(CUSTOMERS, status.getLong("processed"), "the store holds this test's customers alone");
            reference = new Reference(campaignId, runId, status, RunComparison.resultsOf(results, runId));
        }
        return reference;
    }

    private static JsonPath status(String runId) {
        return given().get("/selections/" + runId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void awaitProcessed(String runId, long atLeast) throws InterruptedException {
        Await.until(
                "run " + runId + " to process " + atLeast + " customers",
                () -> status(runId).getLong("processed") >= atLeast,
                RUN_TIMEOUT);
    }

    /** The run completes with the reference run's results, counts and events. */
    private void assertLikeTheReference(String runId) throws InterruptedException {
        Reference expected = reference();
        JsonPath status = SelectionRuns.awaitCompletion(runId, RUN_TIMEOUT);
        Map<String, SelectionResult> actual = RunComparison.resultsOf(results, runId);
        RunComparison.assertSameResults(expected.results(), actual);
        RunComparison.assertSameCounts(expected.status(), status);
        RunComparison.assertEventsMatchSelected(runId, actual);
    }

    @Test
    void aRunWaitsOutTheStoreKilledAndRestartedTenSecondsLater() throws Exception {
        String campaignId = reference().campaignId();
        String runId = SelectionRuns.start(campaignId, RUN_DATE);
        awaitProcessed(runId, CUSTOMERS / 4);
        OwnStore.server.kill();
        long killedAt = System.nanoTime();
        JsonPath[] waiting = new JsonPath[1];
        try {
            Await.until(
                    "the run's status to say it waits for the store",
                    () -> (waiting[0] = status(runId)).getString("waitingForStoreSince") != null,
                    Duration.ofSeconds(8),
                    () -> waiting[0] == null ? "" : waiting[0].prettify());
            assertEquals("RUNNING", waiting[0].getString("status"));
            assertTrue(waiting[0].getLong("storeRetries") >= 0);
            assertNotNull(waiting[0].getString("lastStoreError"));
            given().get("/q/health/ready").then().statusCode(503);
            Await.until(
                    "the background work to report the outage",
                    () -> given().get("/q/health/group/background").statusCode() == 503,
                    Duration.ofSeconds(8));
            Thread.sleep(Math.max(0, Duration.ofSeconds(10).toMillis() - (System.nanoTime() - killedAt) / 1_000_000));
        } finally {
            OwnStore.server.start();
        }
        given().get("/q/health/ready").then().statusCode(200);
        assertLikeTheReference(runId);
        // The relay, the consumers, the refreshes and the lease watch work again by themselves.
        Await.until(
                "the background work to report that it works again",
                () -> given().get("/q/health/group/background").statusCode() == 200,
                Duration.ofSeconds(60),
                () -> given().get("/q/health/group/background").asString());
    }

    @Test
    void aRunRidesOutThrottledWrites() throws Exception {
        String campaignId = reference().campaignId();
        long before = OwnStore.proxy.throttled();
        OwnStore.proxy.throttleWrites(0.5);
        String runId;
        try {
            runId = SelectionRuns.start(campaignId, RUN_DATE);
            awaitProcessed(runId, CUSTOMERS / 2);
        } finally {
            OwnStore.proxy.throttleWrites(0);
        }
        assertTrue(OwnStore.proxy.throttled() > before, "the proxy throttled some of the run's writes");
        assertLikeTheReference(runId);
    }

    @Test
    void aSegmentWhoseWorkerStoppedIsTakenOverWhenItsLeaseExpires() throws Exception {
        String campaignId = reference().campaignId();
        String runId = SelectionRuns.start(campaignId, RUN_DATE);
        awaitProcessed(runId, CUSTOMERS / 4);
        processor.abandon(runId);
        Await.until("the run's workers to stop", () -> !processor.isWorkingOn(runId), Duration.ofSeconds(30));
        assertEquals("RUNNING", status(runId).getString("status"));
        // Nothing submits the run again: the lease watch of this instance takes its segments over.
        assertLikeTheReference(runId);
    }
}
