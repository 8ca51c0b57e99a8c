package dev.selektor.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.Optional;

/** Every {@code selektor.*} setting; documented in the README's configuration table. */
@ConfigMapping(prefix = "selektor")
public interface SelektorConfig {

    Models models();

    Rules rules();

    /** The zone that defines "today" for default run dates and fact checks. */
    @WithDefault("Europe/Berlin")
    ZoneId zone();

    DynamodbSettings dynamodb();

    OpensearchSettings opensearch();

    Selection selection();

    ContactPressureSettings contactPressure();

    Outbox outbox();

    Authoring authoring();

    Kafka kafka();

    Sqs sqs();

    FactUpdates factUpdates();

    Decision decision();

    Campaigns campaigns();

    interface Campaigns {
        /**
         * How long the decision endpoint reuses a campaign it read; a change made through another instance reaches
         * this one's decisions within this time (changes made here at once). From half this age on it is read
         * again in the background while decisions use the one remembered. Selection runs always read afresh.
         */
        @WithDefault("2s")
        java.time.Duration cacheTtl();
    }

    interface Decision {
        /**
         * Whether campaign tables are evaluated by their compiled form (the engine remains the fallback for any
         * construct the compiler does not cover); off, the Drools engine evaluates every decision.
         */
        @WithDefault("true")
        boolean compiledTables();

        /**
         * Whether checkout's usual request to the decision endpoint (facts in the body, campaign read recently) is
         * answered by a route on the I/O thread ahead of the REST layer; off, the REST resource answers every request.
         * The answers are the same either way.
         */
        @WithDefault("true")
        boolean ioRoute();

        /** What one evaluation by the DMN engine may take, wherever it runs; past it, the answer is MODEL_ERROR. */
        Budget budget();

        interface Budget {
            @WithDefault("200ms")
            java.time.Duration evaluationTime();

            /** Bytes the evaluating thread may allocate in one evaluation. */
            @WithDefault("64M")
            io.quarkus.runtime.configuration.MemorySize evaluationAllocation();

            /**
             * Whether a draft is evaluated on probe customers before it is stored and before it is published, and
             * refused when an evaluation passes the budget.
             */
            @WithDefault("true")
            boolean probe();

            /** How many threads run draft work (regression cases, probes); they never take the live path's. */
            @WithDefault("1")
            int draftWorkers();
        }

        /**
         * The most iterations one FEEL expression of a model may take in one evaluation ({@code for}, {@code some},
         * {@code every} and filters, nested ones multiplied); a model above it is refused when it is saved, loaded
         * or published (docs/model-safety.md).
         */
        @WithDefault("10000")
        long maxIteration();
    }

    interface Sqs {
        /** Unset: AWS's regional endpoint. Set (e.g. http://127.0.0.1:9324): an SQS-compatible server there. */
        Optional<java.net.URI> endpoint();

        @WithDefault("eu-central-1")
        String region();

        /** Unset: the AWS default credentials chain. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Put before every queue name, like the table prefix. */
        @WithDefault("selektor-")
        String queuePrefix();

        /** Create missing queues (with their dead-letter queues) at start-up. */
        @WithDefault("true")
        boolean createQueues();
    }

    interface FactUpdates {
        enum Source {
            NONE,
            SQS,
            KAFKA
        }

        /** Where fact updates come from besides the REST API: none, the SQS queue, the Kafka topic, or both (sqs,kafka). */
        @WithDefault("none")
        java.util.Set<Source> sources();

        /** After this many receives without success (the store down, say), SQS moves a message to the dead-letter queue. */
        @WithDefault("5")
        int maxReceives();

        /** How long a received message stays hidden from other consumers before it is handed out again. */
        @WithDefault("30s")
        java.time.Duration visibilityTimeout();

        /** The Kafka topic (source kafka); poison records go to the topic with ".dlq" appended. */
        @WithDefault("selektor.customer-facts")
        String topic();
    }

    interface Outbox {
        /** Run the relay that publishes outbox events in this instance. */
        @WithDefault("true")
        boolean relayEnabled();

        /** The Kafka topic of {@code CustomerSelected} events. */
        @WithDefault("selektor.customer-selected")
        String topic();

        /** Events read from the outbox and published per round. */
        @WithDefault("500")
        int batchSize();

        /** How long the relay waits before it looks again when the outbox was empty. */
        @WithDefault("250ms")
        java.time.Duration pollInterval();

        /** The longest wait between attempts while the broker or the store fails (doubling from 250 ms). */
        @WithDefault("10s")
        java.time.Duration maxBackoff();
    }

    interface Kafka {
        /** The brokers the relay connects to. */
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /**
         * Partitions of the topic when the relay has to create it; unset: the broker's default. The topic is created
         * with the broker's default replication factor.
         */
        java.util.OptionalInt topicPartitions();
    }

    interface Selection {
        /** How many parallel-scan segments a run splits the customer table into. */
        @WithDefault("8")
        int segments();

        /** Threads that work on segments in this instance. */
        @WithDefault("4")
        int workers();

        /** Customers read per scan page; each page ends with a checkpoint. */
        @WithDefault("200")
        int pageSize();

        enum Mode {
            LOCAL,
            QUEUE
        }

        /**
         * local: the instance that starts a run works all its segments. queue: it puts one message per segment on the
         * segments queue, and every instance with workers takes segments from there.
         */
        @WithDefault("local")
        Mode mode();

        /** In queue mode, whether this instance takes segments from the queue (an API-only instance does not). */
        @WithDefault("true")
        boolean queueWorker();

        /**
         * In queue mode, how long a taken segment stays hidden from other workers without news from its worker; the
         * worker extends it while it works, so this is how soon a dead worker's segment is taken over.
         */
        @WithDefault("60s")
        java.time.Duration segmentVisibility();

        /**
         * How long a worker holds a segment without writing a checkpoint (it renews the lease with every page);
         * past it, a live worker of any instance takes the segment over from its checkpoint.
         */
        @WithDefault("30s")
        java.time.Duration lease();

        StoreRetry storeRetry();

        /** How a run waits out a store that fails for a passing reason (unreachable, throttling, 5xx). */
        interface StoreRetry {
            /** The first pause; each further one doubles, up to {@link #maxBackoff}, with random jitter. */
            @WithDefault("200ms")
            java.time.Duration firstBackoff();

            @WithDefault("10s")
            java.time.Duration maxBackoff();
        }
    }

    interface ContactPressureSettings {
        /** N: from this many other campaigns' selections in the window on, a customer is left alone. */
        @WithDefault("3")
        int maxCampaigns();

        /** D: the window in days before the run date. */
        @WithDefault("30")
        int windowDays();

        /**
         * How often the list of completed runs is read again for single decisions. When no completed run of
         * another campaign lies in a decision's window, the decision needs no store query at all; a run completed
         * by another instance counts for single decisions at the latest this long after it completed.
         */
        @WithDefault("2s")
        java.time.Duration runsRefresh();
    }

    interface Models {
        /** Folder of the campaign DMN models, one {@code <name>.dmn} per model. */
        @WithDefault("dmn")
        String dir();
    }

    interface Authoring {
        /** Folder of the regression case files, one {@code <model>.csv} per model. */
        @WithDefault("decision-tests")
        String testsDir();

        /** How often an instance looks for versions another instance made live. */
        @WithDefault("2s")
        java.time.Duration refreshInterval();
    }

    interface Rules {
        /** Folder of the DRL global policies. */
        @WithDefault("rules")
        String dir();
    }
}
