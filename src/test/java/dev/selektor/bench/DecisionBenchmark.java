package dev.selektor.bench;

import dev.selektor.campaign.Campaign;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.DecisionModel;
import dev.selektor.decision.DecisionModelCompiler;
import dev.selektor.decision.DecisionModelFolder;
import dev.selektor.decision.Outcome;
import dev.selektor.policy.PolicyRulesLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * In-process throughput of {@link CampaignDecider}: policies plus a campaign's DMN model, exactly as the REST
 * endpoint and selection runs decide, without HTTP or JSON. Not a test: run it with
 * {@code bench/decision-benchmark.sh [--customers N] [--seed S] [--warmup N] [--rounds R] [--threads T]}
 * from the repository root.
 *
 * <p>Customers are generated before any timing starts and kept in an array, so the figures measure the decision
 * engine alone. Each campaign, and all campaigns round-robin, is measured on one thread and then on
 * {@code T} threads that split the array, after a warm-up so the JIT has compiled the hot paths. Log levels are
 * the service's (see {@link BenchLogging}); {@code -Dbench.keep-log-levels=true} leaves them as the classpath
 * has them, to measure what that is worth.
 */
public final class DecisionBenchmark {
    /** The contract's example run date; the synthetic facts never lie after it. */
    static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 26);
    private static final double HOLDOUT_PERCENT = 5;
    private static final String ROUND_ROBIN = "all campaigns round-robin";
    private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

    /** Command-line settings; see {@link #parse(String[])}. */
    record Options(int customers, long seed, int warmup, int rounds, int threads) { }

    /** One campaign to decide for: the campaign record and its compiled model. */
    record Target(Campaign campaign, DecisionModel model) { }

    /** What deciding a range of customers gave, and the CPU time its threads got for it. */
    record Run(Tally tally, long cpuNanos) { }

    /** The median of a configuration's timed rounds, for the final table, and its worst round's CPU share. */
    record Result(String campaign, int threads, double medianPerSecond, double lowestCpuShare) { }

    private DecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // First, before any engine class logs. -Dbench.keep-log-levels=true measures what this is worth.
        Map<String, String> logLevels = Boolean.getBoolean("bench.keep-log-levels") ? Map.of() : BenchLogging.useServiceLevels();
        Options options = parse(args);
        printEnvironment(options);
        printLogging(logLevels);

        Map<String, DecisionModel> models = DecisionModelFolder.load(Path.of("dmn"), new DecisionModelCompiler());
        CampaignDecider decider = new CampaignDecider(PolicyRulesLoader.load(Path.of("rules")));
        List<Target> targets = models.values().stream()
                .filter(DecisionModel::isCampaignModel)
                .map(m -> new Target(campaign(m.name()), m))
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException("dmn/ holds no campaign model to benchmark");
        }
        System.out.printf("Models: %s (from dmn/), policies from rules/, run date %s, holdout %.0f %%%n",
                targets.stream().map(t -> t.model().name() + "@" + t.model().version()).toList(), RUN_DATE, HOLDOUT_PERCENT);

        long generationStart = System.nanoTime();
        CustomerFacts[] customers = BenchCustomers.generate(options.customers(), options.seed(), RUN_DATE);
        System.out.printf("Generated %,d customers (seed %d) in %.1f s%n%n", customers.length, options.seed(),
                (System.nanoTime() - generationStart) / 1e9);

        List<Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
        try {
            var bench = new Runner(decider, customers, options, pool);
            for (Target target : targets) {
                results.addAll(bench.measure(target.model().name(), List.of(target)));
            }
            if (targets.size() > 1) {
                results.addAll(bench.measure(ROUND_ROBIN, targets));
            }
        } finally {
            pool.shutdownNow();
        }
        printTable(results, options);
    }

    static Campaign campaign(String modelName) {
        return Campaign.forModel(modelName, HOLDOUT_PERCENT);
    }

    /** Runs warm-up and timed rounds of one campaign (or of several, round-robin) on 1 and on T threads. */
    private static final class Runner {
        private final CampaignDecider decider;
        private final CustomerFacts[] customers;
        private final Options options;
        private final ExecutorService pool;

        Runner(CampaignDecider decider, CustomerFacts[] customers, Options options, ExecutorService pool) {
            this.decider = decider;
            this.customers = customers;
            this.options = options;
            this.pool = pool;
        }

        List<Result> measure(String name, List<Target> targets) throws Exception {
            Target[] byIndex = targets.toArray(Target[]::new);
            System.out.println("== " + name);
            List<Result> results = new ArrayList<>();
            Tally singleThreaded = null;
            List<Integer> threadCounts = options.threads() == 1 ? List.of(1) : List.of(1, options.threads());
            for (int threads : threadCounts) {
                run(byIndex, 0, Math.min(options.warmup(), customers.length), threads);
                BenchLogging.drainWarnings(); // report only what the timed rounds logged
                double[] perSecond = new double[options.rounds()];
                double lowestCpuShare = 1;
                Tally tally = null;
                for (int round = 0; round < options.rounds(); round++) {
                    long start = System.nanoTime();
                    Run run = run(byIndex, 0, customers.length, threads);
                    long wallNanos = System.nanoTime() - start;
                    tally = run.tally();
                    perSecond[round] = customers.length / (wallNanos / 1e9);
                    // Well below 100 %, the deciding threads waited for a core: GC pauses, or other load on the machine.
                    double cpuShare = run.cpuNanos() / ((double) wallNanos * threads);
                    lowestCpuShare = Math.min(lowestCpuShare, cpuShare);
                    System.out.printf(Locale.ROOT, "  %d thread(s), round %d: %,12.0f decisions/s (%.2f s, deciding threads on CPU %.0f %%)%n",
                            threads, round + 1, perSecond[round], wallNanos / 1e9, 100 * cpuShare);
                }
                double median = median(perSecond);
                System.out.printf(Locale.ROOT, "  %d thread(s), median:  %,12.0f decisions/s%n", threads, median);
                System.out.println("  outcomes per round: " + tally);
                BenchLogging.drainWarnings().forEach((message, n) -> System.out.printf(Locale.ROOT,
                        "  engine warnings per round: %,d x %s%n", n / options.rounds(), message));
                if (singleThreaded == null) {
                    singleThreaded = tally;
                } else if (!singleThreaded.equals(tally)) {
                    // The same customers must get the same decisions however many threads share the engine.
                    System.out.println("  WARNING: outcomes differ from the single-threaded run: " + singleThreaded);
                }
                results.add(new Result(name, threads, median, lowestCpuShare));
            }
            System.out.println();
            return results;
        }

        /** Decides customers [from, to) on {@code threads} threads, each taking one contiguous slice. */
        private Run run(Target[] targets, int from, int to, int threads) throws InterruptedException, ExecutionException {
            if (threads == 1) {
                return decideSlice(targets, from, to);
            }
            List<Future<Run>> slices = new ArrayList<>(threads);
            int size = to - from;
            for (int t = 0; t < threads; t++) {
                int sliceFrom = from + (int) ((long) size * t / threads);
                int sliceTo = from + (int) ((long) size * (t + 1) / threads);
                slices.add(pool.submit(() -> decideSlice(targets, sliceFrom, sliceTo)));
            }
            Tally total = new Tally();
            long cpuNanos = 0;
            for (Future<Run> slice : slices) {
                total.add(slice.get().tally());
                cpuNanos += slice.get().cpuNanos();
            }
            return new Run(total, cpuNanos);
        }

        /** Customer i goes to campaign i mod targets: round-robin when there are several. */
        private Run decideSlice(Target[] targets, int from, int to) {
            long cpuStart = THREAD_CPU.getCurrentThreadCpuTime();
            Tally tally = new Tally();
            for (int i = from; i < to; i++) {
                Target target = targets[i % targets.length];
                // Counting every outcome keeps the JIT from discarding the decision as unused.
                tally.count(decider.decide(target.campaign(), target.model(), customers[i], RUN_DATE).outcome());
            }
            return new Run(tally, THREAD_CPU.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    /** Outcome kinds and reasons of a run: shows the models did real work, and lets runs be compared. */
    static final class Tally {
        private final EnumMap<Outcome.Kind, Long> kinds = new EnumMap<>(Outcome.Kind.class);
        private final Map<String, Long> reasons = new TreeMap<>();

        void count(Outcome outcome) {
            kinds.merge(outcome.kind(), 1L, Long::sum);
            if (outcome.kind() == Outcome.Kind.REJECTED) {
                reasons.merge(outcome.reason(), 1L, Long::sum);
            }
        }

        void add(Tally other) {
            other.kinds.forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
            other.reasons.forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tally t && kinds.equals(t.kinds) && reasons.equals(t.reasons);
        }

        @Override
        public int hashCode() {
            return kinds.hashCode() * 31 + reasons.hashCode();
        }

        @Override
        public String toString() {
            long total = kinds.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder text = new StringBuilder();
            for (Outcome.Kind kind : List.of(Outcome.Kind.SELECTED, Outcome.Kind.REJECTED, Outcome.Kind.HOLDOUT)) {
                long n = kinds.getOrDefault(kind, 0L);
                text.append(String.format(Locale.ROOT, "%s %,d (%.1f %%)  ", kind, n, 100.0 * n / Math.max(1, total)));
            }
            text.append("\n    rejection reasons: ").append(reasons);
            return text.toString();
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void printEnvironment(Options options) {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("JVM: %s %s (%s), heap max %,d MiB, args %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                runtime.maxMemory() / (1024 * 1024), ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("Cores: %d available to the JVM; CPU: %s%n", runtime.availableProcessors(), cpuModel());
        System.out.printf("OS: %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        System.out.printf("Settings: %,d customers, seed %d, warm-up %,d decisions, %d rounds, threads 1%s%n",
                options.customers(), options.seed(), options.warmup(), options.rounds(),
                options.threads() == 1 ? "" : " and " + options.threads());
    }

    /** The CPU model on Linux; elsewhere the benchmark still runs, the README line is just less specific. */
    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Trace logging costs half or more of the throughput, so the output says whether the engine ran with it. */
    private static void printLogging(Map<String, String> levels) {
        System.out.println("Log levels: " + (levels.isEmpty() ? "left as they were (-Dbench.keep-log-levels)" : levels + ", from application.properties"));
        boolean trace = BenchLogging.engineTraceOn();
        System.out.println("Engine trace logging (org.kie.dmn.feel): " + (trace ? "ON" : "off"));
        if (trace) {
            System.out.println("WARNING: the FEEL engine formats trace messages: the figures are far too low for the service");
        }
        System.out.println();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "bench-decider");
            thread.setDaemon(true);
            return thread;
        };
    }

    static Options parse(String[] args) {
        int customers = 1_000_000;
        long seed = 42;
        int warmup = 200_000;
        int rounds = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println("Usage: DecisionBenchmark [--customers N] [--seed S] [--warmup N] [--rounds R] [--threads T]");
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--customers" -> customers = positive(flag, Integer.parseInt(value));
                case "--seed" -> seed = Long.parseLong(value);
                case "--warmup" -> warmup = Math.max(0, Integer.parseInt(value));
                case "--rounds" -> rounds = positive(flag, Integer.parseInt(value));
                case "--threads" -> threads = positive(flag, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + flag
                        + "; known: --customers --seed --warmup --rounds --threads");
            }
        }
        return new Options(customers, seed, warmup, rounds, threads);
    }

    private static int positive(String flag, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, got " + value);
        }
        return value;
    }

    private static void printTable(List<Result> results, Options options) {
        System.out.printf("Decision throughput, %,d synthetic customers, median of %d rounds:%n%n", options.customers(), options.rounds());
        System.out.println("| campaign | threads | decisions/s (median) |");
        System.out.println("| --- | ---: | ---: |");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %,.0f |%n", r.campaign(), r.threads(), r.medianPerSecond());
        }
        double lowest = results.stream().mapToDouble(Result::lowestCpuShare).min().orElse(1);
        if (lowest < 0.9) {
            System.out.printf(Locale.ROOT, "%nNote: in some rounds the deciding threads were on a CPU only %.0f %% of the time: "
                    + "other load on the machine makes those figures too low.%n", 100 * lowest);
        }
    }
}
