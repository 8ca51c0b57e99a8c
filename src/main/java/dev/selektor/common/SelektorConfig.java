package dev.selektor.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** Every {@code selektor.*} setting; documented in the README's configuration table. */
@ConfigMapping(prefix = "selektor")
public interface SelektorConfig {

    Models models();

    Rules rules();

    /** The zone that defines "today" for default run dates and fact checks. */
    @WithDefault("Europe/Berlin")
    ZoneId zone();

    /** Campaign settings from configuration, keyed by campaign id (used until campaigns are stored). */
    Map<String, CampaignSettings> campaigns();

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

    interface CampaignSettings {
        @WithName("holdout-percent")
        Optional<Double> holdoutPercent();
    }
}
