#!/usr/bin/env bash
# Decision throughput in process, without HTTP or JSON, over synthetic customers generated before timing starts:
# each campaign model (dmn/) and the 25-row benchmark model (bench/models/), the DMN decision alone by the compiled
# tables, by the plain Drools engine and (25-row model) by hand-written Java, then with the policies (DRL); on one
# thread and on all cores, with bytes allocated per decision and ratios, after checking that the paths agree on
# every customer. Prints the machine, each figure and a Markdown table for the README.
# Not a test: `mvn test` and CI never run it. Run from anywhere in a clone; options are passed on:
#   bench/decision-benchmark.sh [--customers 1000000] [--seed 42] [--warmup 200000] [--rounds 3] [--engine-rounds 1]
#                               [--threads N] [--models seasonal-25,black-week-tech] [--min-round-ms 1000]
# --min-round-ms: a round of a fast path goes over the customers as many times as it takes to last this long (the
# same number of times on 1 and on N threads); a round of 100 ms on two threads measures thread scheduling.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test

# JUL goes to JBoss LogManager as in the service and the tests. The log levels themselves are set by the
# benchmark (see BenchLogging): outside Quarkus every logger would be at ALL, costing half the throughput or more.
exec java -Xms2g -Xmx4g \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.selektor.bench.DecisionBenchmark "$@"
