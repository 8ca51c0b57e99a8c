package dev.selektor.bench;

import dev.selektor.campaign.Campaign;
import dev.selektor.customer.CustomerFacts;
import dev.selektor.decision.CampaignDecider;
import dev.selektor.decision.Decision;
import dev.selektor.decision.model.CampaignModelEvaluator;
import dev.selektor.decision.model.CustomerContext;
import dev.selektor.decision.model.DecisionModel;
import dev.selektor.decision.model.DecisionModelCompiler;
import dev.selektor.decision.model.DecisionModelFolder;
import dev.selektor.decision.model.convention.ModelResult;
import dev.selektor.policy.drl.PolicyRulesLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * In-process decision throughput, without HTTP or JSON, of every path a decision can take, on the same
 * synthetic customers in the same process. Not a test: run it with
 * {@code bench/decision-benchmark.sh [--customers N] [--seed S] [--warmup N] [--rounds R] [--engine-rounds R]
 * [--threads T] [--models a,b] [--min-round-ms M]} from the repository root.
 *
 * <p>For each campaign model of dmn/ and the 25-row benchmark model of bench/models/: the DMN decision alone by
 * the compiled tables (the service's path), by the plain Drools engine (a FEEL context per call, as an embedding
 * application would do) and, for the 25-row model, by a hand-written Java version of the same table
 * ({@link HandWrittenSeasonal25}); then the full decision with the global policies (DRL) by both DMN paths. Each on
 * one thread and on T threads that split the customers, after a warm-up, as the median of timed rounds, with the
 * bytes allocated per decision (one thread). A round of a fast path goes over the customers several times, the same
 * number of times on 1 and on T threads, so that it lasts at least {@code --min-round-ms}: a round of 100 ms on
 * two threads measures thread start-up and scheduling more than deciding. Ratios are to the hand-written Java.
 * Before timing, the compiled tables are checked against the engine on every customer (and the hand-written rows
 * against the compiled ones): figures of a path that answers differently would be worthless.
 *
 * <p>Log levels are the service's (see {@link BenchLogging}); {@code -Dbench.keep-log-levels=true} leaves them as
 * the classpath has them, to measure what that is worth.
 */
public final class DecisionBenchmark {
    /** The contract's example run date; the synthetic facts never lie after it. */
    static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 26);

    private static final double HOLDOUT_PERCENT = 5;
    private static final String TABLE_MODEL = "seasonal-25";
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Command-line settings; see {@link #parse(String[])}. */
    record Options(
            int customers,
            long seed,
            int warmup,
            int rounds,
            int engineRounds,
            int threads,
            List<String> models,
            long minRoundNanos) {}

    /** Decides customers [from, to) one way and returns a checksum of the answers, so the JIT cannot drop them. */
    interface DecisionPath {
        long decide(CustomerFacts[] customers, int from, int to);
    }

    /** One measured configuration: its median rate, the bytes it allocated per decision, the CPU its threads got. */
    record Result(
            String model, String path, int threads, double perSecond, double bytesPerDecision, double lowestCpuShare) {}

    private DecisionBenchmark() {}

    public static void main(String[] args) throws Exception {
        // First, before any engine class logs. -Dbench.keep-log-levels=true measures what this is worth.
        Map<String, String> logLevels =
                Boolean.getBoolean("bench.keep-log-levels") ? Map.of() : BenchLogging.useServiceLevels();
        Options options = parse(args);
        printEnvironment(options);
        printLogging(logLevels);

        DecisionModelCompiler compiler = new DecisionModelCompiler();
        Map<String, DecisionModel> models = new TreeMap<>(DecisionModelFolder.load(Path.of("dmn"), compiler));
        models.putAll(DecisionModelFolder.load(Path.of("bench/models"), compiler));
        models.values()
                .removeIf(m -> !m.isCampaignModel()
                        || (!options.models().isEmpty() && !options.models().contains(m.name())));
        if (models.isEmpty()) {
            throw new IllegalStateException(
                    "no campaign model to benchmark (dmn/, bench/models/, --models " + options.models() + ")");
        }
        CampaignDecider decider = new CampaignDecider(PolicyRulesLoader.load(Path.of("rules")));
        models.values()
                .forEach(m -> System.out.printf(
                        "Model %s@%s: %s%n", m.name(), m.version(), m.fastPath().describe()));
        System.out.printf("Policies from rules/, run date %s, holdout %.0f %%%n", RUN_DATE, HOLDOUT_PERCENT);

        long generationStart = System.nanoTime();
        CustomerFacts[] customers = BenchCustomers.generate(options.customers(), options.seed(), RUN_DATE);
        System.out.printf(
                "Generated %,d customers (seed %d) in %.1f s%n%n",
                customers.length, options.seed(), (System.nanoTime() - generationStart) / 1e9);

        List<Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
        try {
            Runner runner = new Runner(customers, options, pool);
            for (DecisionModel model : models.values()) {
                checkAgreement(model, customers, pool, options.threads());
                DecisionModel engine = model.engineOnly();
                Campaign campaign = Campaign.forModel(model.name(), HOLDOUT_PERCENT);
                System.out.println("== " + model.name());
                if (model.name().equals(TABLE_MODEL)) {
                    results.addAll(runner.measure(
                            model.name(), "DMN alone: hand-written Java", options.rounds(), (cs, from, to) -> {
                                long sum = 0;
                                for (int i = from; i < to; i++) {
                                    sum += HandWrittenSeasonal25.decide(cs[i], RUN_DATE);
                                }
                                return sum;
                            }));
                }
                results.addAll(runner.measure(
                        model.name(), "DMN alone: compiled tables", options.rounds(), (cs, from, to) -> {
                            long sum = 0;
                            for (int i = from; i < to; i++) {
                                sum += checksum(CampaignModelEvaluator.evaluate(model, cs[i], RUN_DATE));
                            }
                            return sum;
                        }));
                results.addAll(runner.measure(
                        model.name(), "DMN alone: Drools engine", options.engineRounds(), (cs, from, to) -> {
                            long sum = 0;
                            for (int i = from; i < to; i++) {
                                sum += checksum(CampaignModelEvaluator.evaluateWithEngine(
                                        engine, CustomerContext.of(cs[i]), RUN_DATE));
                            }
                            return sum;
                        }));
                results.addAll(runner.measure(
                        model.name(), "with policies: compiled tables", options.rounds(), (cs, from, to) -> {
                            long sum = 0;
                            for (int i = from; i < to; i++) {
                                sum += checksum(decider.decide(campaign, model, cs[i], RUN_DATE));
                            }
                            return sum;
                        }));
                results.addAll(runner.measure(
                        model.name(), "with policies: Drools engine", options.engineRounds(), (cs, from, to) -> {
                            long sum = 0;
                            for (int i = from; i < to; i++) {
                                sum += checksum(decider.decide(campaign, engine, cs[i], RUN_DATE));
                            }
                            return sum;
                        }));
                System.out.println();
            }
        } finally {
            pool.shutdownNow();
        }
        printTable(results, options);
    }

    private static long checksum(ModelResult result) {
        return result.matchedRules().isEmpty()
                ? 0
                : result.matchedRules().get(0).row();
    }

    private static long checksum(Decision decision) {
        return decision.outcome().kind().ordinal() * 31L
                + decision.outcome().discountPercent().intValue();
    }

    /**
     * Compiled and engine answers must be equal (outcome, discount, reason, priority, matched rows, messages) for
     * every customer, and the hand-written table must pick the same row; otherwise the figures mean nothing.
     */
    private static void checkAgreement(
            DecisionModel model, CustomerFacts[] customers, ExecutorService pool, int threads) throws Exception {
        long start = System.nanoTime();
        List<Future<long[]>> slices = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) customers.length * t / threads);
            int to = (int) ((long) customers.length * (t + 1) / threads);
            slices.add(pool.submit(() -> {
                long agreed = 0;
                long handAgreed = 0;
                for (int i = from; i < to; i++) {
                    ModelResult compiled = CampaignModelEvaluator.evaluate(model, customers[i], RUN_DATE);
                    ModelResult engine = CampaignModelEvaluator.evaluateWithEngine(
                            model, CustomerContext.of(customers[i]), RUN_DATE);
                    if (compiled.equals(engine)) {
                        agreed++;
                    } else if (agreed + 10 > i - from) {
                        System.out.println("  DIFFERENT: " + customers[i] + "\n    engine:   " + engine
                                + "\n    compiled: " + compiled);
                    }
                    if (model.name().equals(TABLE_MODEL)
                            && HandWrittenSeasonal25.decide(customers[i], RUN_DATE) == checksum(compiled)) {
                        handAgreed++;
                    }
                }
                return new long[] {agreed, handAgreed};
            }));
        }
        long agreed = 0;
        long handAgreed = 0;
        for (Future<long[]> slice : slices) {
            agreed += slice.get()[0];
            handAgreed += slice.get()[1];
        }
        System.out.printf(
                Locale.ROOT,
                "Agreement, %s: compiled tables and engine answer alike for %,d of %,d customers%s (%.1f s)%n",
                model.name(),
                agreed,
                customers.length,
                model.name().equals(TABLE_MODEL)
                        ? String.format(Locale.ROOT, "; hand-written Java picks the same row for %,d", handAgreed)
                        : "",
                (System.nanoTime() - start) / 1e9);
        if (agreed != customers.length || (model.name().equals(TABLE_MODEL) && handAgreed != customers.length)) {
            throw new IllegalStateException("the decision paths disagree for " + model.name() + ": no figures");
        }
    }

    /** Runs warm-up and timed rounds of one path on 1 and on T threads. */
    private static final class Runner {
        private final CustomerFacts[] customers;
        private final Options options;
        private final ExecutorService pool;

        Runner(CustomerFacts[] customers, Options options, ExecutorService pool) {
            this.customers = customers;
            this.options = options;
            this.pool = pool;
        }

        List<Result> measure(String model, String name, int rounds, DecisionPath path) throws Exception {
            List<Result> results = new ArrayList<>();
            List<Integer> threadCounts = options.threads() == 1 ? List.of(1) : List.of(1, options.threads());
            Long expected = null;
            int passes = 0; // decided on the first thread count, so that every thread count does the same work
            for (int threads : threadCounts) {
                int warmupCount = Math.min(options.warmup(), customers.length);
                long warmupStart = System.nanoTime();
                run(path, warmupCount, threads, 1);
                if (passes == 0) {
                    passes = passesPerRound(path, warmupCount, System.nanoTime() - warmupStart);
                }
                BenchLogging.drainWarnings(); // report only what the timed rounds logged
                double[] perSecond = new double[rounds];
                double lowestCpuShare = 1;
                double bytesPerDecision = Double.NaN;
                long decisions = (long) customers.length * passes;
                for (int round = 0; round < rounds; round++) {
                    long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                    long start = System.nanoTime();
                    Run run = run(path, customers.length, threads, passes);
                    long wallNanos = System.nanoTime() - start;
                    if (threads == 1) {
                        bytesPerDecision =
                                (THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore) / (double) decisions;
                    }
                    if (expected != null && expected != run.checksum()) {
                        System.out.println("  WARNING: answers differ between rounds or thread counts");
                    }
                    expected = run.checksum();
                    perSecond[round] = decisions / (wallNanos / 1e9);
                    // Well below 100 %, the deciding threads waited for a core: GC pauses, or other load on the
                    // machine.
                    double cpuShare = run.cpuNanos() / ((double) wallNanos * threads);
                    lowestCpuShare = Math.min(lowestCpuShare, cpuShare);
                }
                double median = median(perSecond);
                System.out.printf(
                        Locale.ROOT,
                        "  %-32s %d thread(s): %,14.0f decisions/s%s (rounds %s%s; threads on CPU >= %.0f %%)%n",
                        name,
                        threads,
                        median,
                        threads == 1 ? String.format(Locale.ROOT, ", %,.0f B/decision", bytesPerDecision) : "",
                        Arrays.stream(perSecond)
                                .mapToObj(v -> String.format(Locale.ROOT, "%,.0f", v))
                                .toList(),
                        passes == 1 ? "" : String.format(Locale.ROOT, ", each %d passes over the customers", passes),
                        100 * lowestCpuShare);
                BenchLogging.drainWarnings()
                        .forEach((message, n) -> System.out.printf(
                                Locale.ROOT, "  engine warnings per round: %,d x %s%n", n / rounds, message));
                results.add(new Result(model, name, threads, median, bytesPerDecision, lowestCpuShare));
            }
            return results;
        }

        /**
         * How many passes over the customers make a round of at least the minimum length on one thread. The warm-up
         * tells when one pass is long enough (the engine paths: minutes); otherwise one pass is timed on one thread.
         */
        private int passesPerRound(DecisionPath path, int warmupCount, long warmupNanos) {
            long minimum = options.minRoundNanos();
            if (warmupCount > 0 && warmupNanos / (double) warmupCount * customers.length >= minimum) {
                return 1;
            }
            long start = System.nanoTime();
            path.decide(customers, 0, customers.length);
            return passesFor(minimum, System.nanoTime() - start);
        }

        private record Run(long checksum, long cpuNanos) {}

        /**
         * Decides customers [0, count) {@code passes} times on {@code threads} threads, each taking one contiguous
         * slice (one: this thread).
         */
        private Run run(DecisionPath path, int count, int threads, int passes) throws Exception {
            if (threads == 1) {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long sum = decide(path, 0, count, passes);
                return new Run(sum, THREADS.getCurrentThreadCpuTime() - cpuStart);
            }
            List<Future<Run>> slices = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) count * t / threads);
                int to = (int) ((long) count * (t + 1) / threads);
                slices.add(pool.submit(() -> {
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    long sum = decide(path, from, to, passes);
                    return new Run(sum, THREADS.getCurrentThreadCpuTime() - cpuStart);
                }));
            }
            long sum = 0;
            long cpu = 0;
            for (Future<Run> slice : slices) {
                sum += slice.get().checksum();
                cpu += slice.get().cpuNanos();
            }
            return new Run(sum, cpu);
        }

        private long decide(DecisionPath path, int from, int to, int passes) {
            long sum = 0;
            for (int pass = 0; pass < passes; pass++) {
                sum += path.decide(customers, from, to);
            }
            return sum;
        }
    }

    /** Passes of {@code passNanos} each that add up to at least {@code minimumNanos}; at least one. */
    static int passesFor(long minimumNanos, long passNanos) {
        long pass = Math.max(1, passNanos); // a pass too short for the clock counts as 1 ns
        return (int) Math.min(Integer.MAX_VALUE, (minimumNanos + pass - 1) / pass);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void printEnvironment(Options options) {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                "JVM: %s %s (%s), heap max %,d MiB, args %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"),
                runtime.maxMemory() / (1024 * 1024),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("Cores: %d available to the JVM; CPU: %s%n", runtime.availableProcessors(), cpuModel());
        System.out.printf(
                "OS: %s %s (%s)%n",
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        System.out.printf(
                "Settings: %,d customers, seed %d, warm-up %,d decisions, %d rounds (engine %d) of at least %,d ms, threads 1%s%n",
                options.customers(),
                options.seed(),
                options.warmup(),
                options.rounds(),
                options.engineRounds(),
                options.minRoundNanos() / 1_000_000,
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
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Trace logging costs half or more of the throughput, so the output says whether the engine ran with it. */
    private static void printLogging(Map<String, String> levels) {
        System.out.println("Log levels: "
                + (levels.isEmpty()
                        ? "left as they were (-Dbench.keep-log-levels)"
                        : levels + ", from application.properties"));
        boolean trace = BenchLogging.engineTraceOn();
        System.out.println("Engine trace logging (org.kie.dmn.feel): " + (trace ? "ON" : "off"));
        if (trace) {
            System.out.println(
                    "WARNING: the FEEL engine formats trace messages: the figures are far too low for the service");
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
        int engineRounds = 1;
        int threads = Runtime.getRuntime().availableProcessors();
        List<String> models = List.of();
        long minRoundMillis = 1000;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println(
                        "Usage: DecisionBenchmark [--customers N] [--seed S] [--warmup N] [--rounds R] [--engine-rounds R] [--threads T] [--models a,b] [--min-round-ms M]");
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
                case "--engine-rounds" -> engineRounds = positive(flag, Integer.parseInt(value));
                case "--threads" -> threads = positive(flag, Integer.parseInt(value));
                case "--models" -> models = List.of(value.split(","));
                case "--min-round-ms" -> minRoundMillis = positive(flag, Integer.parseInt(value));
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + flag
                                    + "; known: --customers --seed --warmup --rounds --engine-rounds --threads --models --min-round-ms");
            }
        }
        return new Options(customers, seed, warmup, rounds, engineRounds, threads, models, minRoundMillis * 1_000_000L);
    }

    private static int positive(String flag, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, got " + value);
        }
        return value;
    }

    /** One row per model and path; ratios to the hand-written Java of the same run, which only the 25-row model has. */
    private static void printTable(List<Result> results, Options options) {
        System.out.printf(
                "Decisions/s, %,d synthetic customers, median of %d rounds (engine paths: %d):%n%n",
                options.customers(), options.rounds(), options.engineRounds());
        double hand = results.stream()
                .filter(r -> r.path().contains("hand-written") && r.threads() == 1)
                .mapToDouble(Result::perSecond)
                .findFirst()
                .orElse(Double.NaN);
        int many = options.threads();
        System.out.printf(
                "| model | path | 1 thread | vs hand-written | vs engine | B/decision | %d threads |%n", many);
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Result r : results) {
            if (r.threads() != 1) {
                continue;
            }
            double engine = results.stream()
                    .filter(e -> e.model().equals(r.model())
                            && e.threads() == 1
                            && e.path()
                                    .equals(
                                            r.path().startsWith("DMN")
                                                    ? "DMN alone: Drools engine"
                                                    : "with policies: Drools engine"))
                    .mapToDouble(Result::perSecond)
                    .findFirst()
                    .orElse(Double.NaN);
            double parallel = results.stream()
                    .filter(p -> p.model().equals(r.model()) && p.path().equals(r.path()) && p.threads() == many)
                    .mapToDouble(Result::perSecond)
                    .findFirst()
                    .orElse(r.perSecond());
            String vsHand = r.model().equals(TABLE_MODEL) && r.path().startsWith("DMN")
                    ? String.format(Locale.ROOT, "%.3f", r.perSecond() / hand)
                    : "";
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %s | %.1fx | %,.0f | %,.0f |%n",
                    r.model(),
                    r.path(),
                    r.perSecond(),
                    vsHand,
                    r.perSecond() / engine,
                    r.bytesPerDecision(),
                    parallel);
        }
        double lowest =
                results.stream().mapToDouble(Result::lowestCpuShare).min().orElse(1);
        if (lowest < 0.9) {
            System.out.printf(
                    Locale.ROOT,
                    "%nNote: in some rounds the deciding threads were on a CPU only %.0f %% of the time: "
                            + "other load on the machine makes those figures too low.%n",
                    100 * lowest);
        }
    }
}
