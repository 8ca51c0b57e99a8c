package dev.selektor.selection;

import dev.selektor.common.SelektorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The leases of the segments this instance works: one owner name per process, a lease of
 * {@code selektor.selection.lease} from now, renewed with every checkpoint.
 */
@ApplicationScoped
class SegmentLeases {
    private final String owner = UUID.randomUUID().toString();

    @Inject
    SelektorConfig config;

    @Inject
    SelectionRunRepository runs;

    @Inject
    RunActivity activity;

    @Inject
    StoreRetry retry;

    SegmentLease fresh() {
        return new SegmentLease(owner, Instant.now().plus(config.selection().lease()));
    }

    /**
     * Takes the segment's lease for a worker of this instance (which holds it in {@link RunActivity}), unless
     * another instance's lease on it runs or it is done.
     */
    Optional<SegmentProgress> claim(SelectionRun run, int segment, BooleanSupplier stop) {
        Optional<SegmentProgress> taken =
                retry.call(run.runId(), stop, () -> runs.claim(run.runId(), segment, fresh(), Instant.now()));
        taken.ifPresent(activity::seen);
        return taken;
    }
}
