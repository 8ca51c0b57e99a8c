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

    Dynamodb dynamodb();

    Selection selection();

    ContactPressureSettings contactPressure();

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
    }

    interface ContactPressureSettings {
        /** N: from this many other campaigns' selections in the window on, a customer is left alone. */
        @WithDefault("3")
        int maxCampaigns();

        /** D: the window in days before the run date. */
        @WithDefault("30")
        int windowDays();
    }

    interface Models {
        /** Folder of the campaign DMN models, one {@code <name>.dmn} per model. */
        @WithDefault("dmn")
        String dir();
    }

    interface Rules {
        /** Folder of the DRL global policies. */
        @WithDefault("rules")
        String dir();
    }

    interface Dynamodb {
        /** Unset: AWS's regional endpoint. Set (e.g. http://127.0.0.1:8000): a DynamoDB-compatible server there. */
        Optional<java.net.URI> endpoint();

        @WithDefault("eu-central-1")
        String region();

        /** Unset: the AWS default credentials chain (environment, profile, instance or task role). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Put before every table name, so that environments can share an account. */
        @WithDefault("selektor-")
        String tablePrefix();

        /** Create missing tables at start-up; switch off where tables are managed by infrastructure code. */
        @WithDefault("true")
        boolean createTables();

        /** Upper bound for one call including retries: a request fails with 503 within about this time. */
        @WithDefault("4s")
        java.time.Duration apiCallTimeout();

        @WithDefault("1500ms")
        java.time.Duration apiCallAttemptTimeout();

        @WithDefault("2")
        int maxRetries();
    }
}
