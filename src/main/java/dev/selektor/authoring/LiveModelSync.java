package dev.selektor.authoring;

import dev.selektor.common.BackgroundLoop;
import dev.selektor.common.SelektorConfig;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelRegistry;
import dev.selektor.decision.model.ModelArchive;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps this instance's live models equal to the store's (contract section 7). At start-up, {@code dmn/} seeds
 * every model the store does not have yet as its version 1; where a file differs from the stored live version,
 * the stored one stays live and the difference is reported, never overwritten. Afterwards the instance looks
 * every {@code selektor.authoring.refresh-interval} for versions another instance made live.
 */
@ApplicationScoped
public class LiveModelSync implements ModelArchive {
    private static final Logger LOG = Logger.getLogger(LiveModelSync.class);
    public static final String SEED_AUTHOR = "dmn/";

    @Inject
    ModelStore store;

    @Inject
    DecisionModelRegistry registry;

    @Inject
    SelektorConfig config;

    private final Set<String> folderDiffers = ConcurrentHashMap.newKeySet();
    private volatile Thread refresher;
    private volatile boolean stopping;

    // After the registry and the tables, before anything that decides.
    void start(@Observes @Priority(1) StartupEvent started) {
        seed();
        sync();
        Thread t = new Thread(this::refreshLoop, "model-refresh");
        t.setDaemon(true);
        refresher = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        Thread t = refresher;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Whether {@code dmn/<name>.dmn} differs from the stored live version of the model. */
    public boolean folderDiffers(String name) {
        return folderDiffers.contains(name);
    }

    private void seed() {
        for (DecisionModel model : registry.fromFolder().values()) {
            Optional<LiveVersion> live = store.live(model.name());
            if (live.isEmpty()) {
                Instant now = Instant.now();
                PublishedVersion first = new PublishedVersion(
                        model.name(),
                        1,
                        model.version(),
                        SEED_AUTHOR,
                        now,
                        "dmn/" + model.name() + ".dmn",
                        Optional.empty(),
                        model.content());
                AuditEntry entry = new AuditEntry(
                        model.name(),
                        now,
                        "SEEDED",
                        SEED_AUTHOR,
                        Optional.empty(),
                        Optional.of(model.version()),
                        Optional.empty(),
                        List.of("new model"),
                        Optional.empty());
                if (store.publish(first, Optional.empty(), entry)) {
                    LOG.infof("Decision model %s stored as version 1 (%s) from dmn/", model.name(), model.version());
                }
            } else if (!live.get().version().equals(model.version())) {
                folderDiffers.add(model.name());
                LOG.warnf(
                        "dmn/%s.dmn (%s) differs from the live stored version %d (%s); the stored version stays live. "
                                + "Export it with GET /decision-models/%s/dmn to update the file, or publish the file as a draft.",
                        model.name(),
                        model.version(),
                        live.get().seq(),
                        live.get().version(),
                        model.name());
            }
        }
    }

    /** Installs every stored live version this instance does not run yet. */
    void sync() {
        Map<String, DecisionModel> running = registry.all();
        for (LiveVersion live : store.allLive()) {
            DecisionModel current = running.get(live.name());
            if (current != null && current.version().equals(live.version())) {
                continue;
            }
            store.version(live.name(), live.seq()).ifPresent(version -> {
                DecisionModel compiled =
                        registry.compiler().compile(live.name() + " version " + live.seq(), version.content(), false);
                registry.install(compiled);
                LOG.infof("Decision model %s: version %d (%s) is live", live.name(), live.seq(), live.version());
            });
        }
    }

    private void refreshLoop() {
        Duration interval = config.authoring().refreshInterval();
        new BackgroundLoop("Looking for newly published decision models", LOG, interval, interval)
                .run(() -> stopping, () -> {
                    sync();
                    return Optional.of(interval);
                });
    }

    @Override
    public Optional<byte[]> content(String name, String version) {
        return store.versions(name).stream()
                .filter(v -> v.version().equals(version))
                .findFirst()
                .map(PublishedVersion::content);
    }
}
