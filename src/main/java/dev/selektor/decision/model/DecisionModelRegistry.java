package dev.selektor.decision.model;

import dev.selektor.campaign.CampaignModels;
import dev.selektor.common.SelektorConfig;
import dev.selektor.policy.PolicyRules;
import dev.selektor.policy.drl.PolicyRulesLoader;
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
 * decisions from a half-loaded set of campaigns is worse than not starting. Published versions from the store
 * replace the folder's through {@link #install}; older versions that running selections still use are compiled
 * again from the {@link ModelArchive} when asked for.
 */
@Startup
@ApplicationScoped
public class DecisionModelRegistry implements CampaignModels {
    private static final Logger LOG = Logger.getLogger(DecisionModelRegistry.class);

    @Inject
    SelektorConfig config;

    @Inject
    jakarta.enterprise.inject.Instance<ModelArchive> archive;

    private final AtomicReference<Map<String, DecisionModel>> models = new AtomicReference<>(Map.of());
    private final Map<String, DecisionModel> folderModels = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, DecisionModel> earlier = new java.util.concurrent.ConcurrentHashMap<>();
    private DecisionModelCompiler compiler;
    private volatile PolicyRules policies;

    @PostConstruct
    void load() {
        var budget = config.decision().budget();
        EvaluationBudget.configure(new EvaluationBudget.Limits(
                budget.evaluationTime(), budget.evaluationAllocation().asLongValue()));
        long start = System.nanoTime();
        compiler = new DecisionModelCompiler(
                config.decision().compiledTables(), config.decision().maxIteration());
        try {
            Path modelDir = Path.of(config.models().dir());
            Map<String, DecisionModel> loaded = DecisionModelFolder.load(modelDir, compiler);
            folderModels.putAll(loaded);
            policies = PolicyRulesLoader.load(Path.of(config.rules().dir()));
            models.set(loaded);
            loaded.values().forEach(m -> {
                LOG.infof(
                        "Decision model %s version %s loaded (campaign decisions %s; generic evaluation %s)",
                        m.name(),
                        m.version(),
                        m.fastPath().describe(),
                        m.genericPath().describe());
                m.warnings().forEach(w -> LOG.warnf("Decision model %s: %s", m.name(), w));
            });
            LOG.infof(
                    "Loaded %d decision models and %d policies in %d ms",
                    loaded.size(), policies.policies().size(), (System.nanoTime() - start) / 1_000_000);
        } catch (ModelRejectedException
                | DecisionModelFolder.FolderException
                | PolicyRulesLoader.PolicyRulesException e) {
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

    /** The models as read from the folder at start-up, which the store may since have replaced. */
    public Map<String, DecisionModel> fromFolder() {
        return Map.copyOf(folderModels);
    }

    /** The compiler the registry uses, for drafts that must pass the same checks. */
    public DecisionModelCompiler compiler() {
        return compiler;
    }

    /** Makes a model the live one under its name, at once for every decision that starts afterwards. */
    public void install(DecisionModel model) {
        models.updateAndGet(current -> {
            Map<String, DecisionModel> next = new java.util.TreeMap<>(current);
            DecisionModel previous = next.put(model.name(), model);
            if (previous != null && !previous.version().equals(model.version())) {
                earlier.put(key(previous.name(), previous.version()), previous);
            }
            return Map.copyOf(next);
        });
    }

    /**
     * One version of a model: the live one, one seen before in this process, or one compiled again from the archive.
     */
    public Optional<DecisionModel> find(String name, String version) {
        DecisionModel live = models.get().get(name);
        if (live != null && live.version().equals(version)) {
            return Optional.of(live);
        }
        DecisionModel seen = earlier.get(key(name, version));
        if (seen != null) {
            return Optional.of(seen);
        }
        if (archive.isUnsatisfied()) {
            return Optional.empty();
        }
        return archive.get().content(name, version).map(bytes -> {
            DecisionModel compiled = compiler.compile(name + " version " + version, bytes, false);
            earlier.put(key(name, version), compiled);
            return compiled;
        });
    }

    private static String key(String name, String version) {
        return name + "@" + version;
    }

    public PolicyRules policies() {
        return policies;
    }

    @Override
    public Optional<String> whyNotUsable(String modelName) {
        var model = find(modelName);
        if (model.isEmpty()) {
            return Optional.of("there is no decision model \"" + modelName + "\" (known: " + all().keySet() + ")");
        }
        if (!model.get().isCampaignModel()) {
            return Optional.of("the model \"" + modelName + "\" cannot drive a campaign: "
                    + model.get().campaignProblems());
        }
        return Optional.empty();
    }
}
