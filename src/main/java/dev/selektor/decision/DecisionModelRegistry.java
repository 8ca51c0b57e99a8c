package dev.selektor.decision;

import dev.selektor.common.SelektorConfig;
import dev.selektor.policy.PolicyRules;
import dev.selektor.policy.PolicyRulesLoader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The live decision models and policies. Compiled at start-up from the repository's folders; a model that
 * cannot be used stops start-up with a message naming the file, element and reason, because serving
 * decisions from a half-loaded set of campaigns is worse than not starting.
 */
@Startup
@ApplicationScoped
public class DecisionModelRegistry {
    private static final Logger LOG = Logger.getLogger(DecisionModelRegistry.class);

    @Inject
    SelektorConfig config;

    private final AtomicReference<Map<String, DecisionModel>> models = new AtomicReference<>(Map.of());
    private volatile PolicyRules policies;

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        try {
            Path modelDir = Path.of(config.models().dir());
            Map<String, DecisionModel> loaded = DecisionModelFolder.load(modelDir, new DecisionModelCompiler());
            policies = PolicyRulesLoader.load(Path.of(config.rules().dir()));
            models.set(loaded);
            loaded.values().forEach(m -> {
                LOG.infof("Decision model %s version %s loaded", m.name(), m.version());
                m.warnings().forEach(w -> LOG.warnf("Decision model %s: %s", m.name(), w));
            });
            LOG.infof("Loaded %d decision models and %d policies in %d ms", loaded.size(), policies.policies().size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (ModelRejectedException | DecisionModelFolder.FolderException | PolicyRulesLoader.PolicyRulesException e) {
            LOG.error("Selektor cannot start: " + e.getMessage());
            throw e;
        }
    }

    public Optional<DecisionModel> find(String name) {
        return Optional.ofNullable(models.get().get(name));
    }

    public Map<String, DecisionModel> all() {
        return models.get();
    }

    public PolicyRules policies() {
        return policies;
    }
}
