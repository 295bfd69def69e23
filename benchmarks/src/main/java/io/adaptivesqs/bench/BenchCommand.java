package io.adaptivesqs.bench;

import java.net.InetAddress;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * {@code bench}: runs the scenarios against embedded ElasticMQ and writes the table, JSON and an HTML report with
 * charts. Exit codes: 0 done (targets missed are findings, not failures), 1 the run failed, 2 invalid input.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = BenchCommand.Version.class,
        description = "Benchmark the adaptive-sqs supervisor against fixed pollers, stock camel-aws2-sqs and Spring "
                      + "Cloud AWS.",
        sortOptions = false)
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Shorter phases and fewer contenders: about 7 minutes for both modes "
                                             + "instead of 28.")
    boolean quick;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "both",
            description = "How SQS behaves: ideal (full batches, fixed round trip), realistic (round trips with a "
                          + "tail, partial batches, bursts of throttling) or both (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",",
            description = "Run only these scenarios (repeat or separate with commas). See --list.")
    List<String> scenarioNames;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where to write table.txt, results.json, report.html and charts/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--list", description = "List the scenarios and their contenders, then exit.")
    boolean list;

    @Option(names = "--model", description = "Print what a model of the pipeline without any overhead reaches with "
                                             + "fixed counts in the sweep and the capacity step's phases, then exit: "
                                             + "the ceiling of each count.")
    boolean model;

    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        List<Scenario> scenarios = Scenarios.select(quick, Mode.parse(mode), scenarioNames);
        if (list) {
            scenarios.forEach(s -> System.out.printf(Locale.ROOT, "%-28s %s%n%28s contenders: %s%n", s.title(),
                    s.description(), "", String.join(", ", s.contenders().stream().map(Contender::label).toList())));
            System.out.printf(Locale.ROOT, "%nAbout %s in all.%n", Progress.clock(BenchRun.estimatedSeconds(scenarios)));
            return ExitCode.OK;
        }
        if (model) {
            if (scenarioNames != null && !scenarioNames.isEmpty()) {
                throw new IllegalArgumentException("--model models the fixed-N sweep and the capacity step's phases: leave out --scenario");
            }
            printModel(Mode.parse(mode));
            return ExitCode.OK;
        }
        Files.createDirectories(out);
        // before anything logs: log4j2.xml sends the component's "why" lines and Camel's to this file
        System.setProperty("bench.logFile", out.resolve("bench.log").toString());

        int trials = scenarios.stream().mapToInt(s -> s.contenders().size()).sum();
        double estimate = BenchRun.estimatedSeconds(scenarios);
        System.err.printf(Locale.ROOT, "Running %d scenarios, %d trials, about %s (log: %s)%n", scenarios.size(),
                trials, Progress.clock(estimate + 5), out.resolve("bench.log"));
        Progress progress = new Progress(System.err, System.console() != null, trials, estimate);
        String startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();

        List<ScenarioOutcome> outcomes = BenchRun.execute(scenarios, progress);

        RunInfo run = new RunInfo(startedAt, host(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), quick,
                progress.elapsed());
        ReportWriter.write(out, run, outcomes, System.out);
        return ExitCode.OK;
    }

    /**
     * Fixed counts in {@link PipelineModel}, each figure the mean of a few seeds: the fixed-N sweep, and the capacity
     * step's slow and fast phase from the mean-based ideal count up; the pipeline's way of holding at the round trip
     * injected plus the client's millisecond and at the 55 ms the trials measure on two busy cores, and the same
     * bound spent in messages at 55 ms.
     */
    private static void printModel(List<Mode> modes) {
        System.out.printf(Locale.ROOT, "Model without overhead or throttling, buffer of %d: share of capacity%n%n",
                Scenario.QUEUE_SIZE);
        for (Mode m : modes) {
            Scenario sweep = Scenarios.fixedSweep(false, m);
            printModelled(sweep, sweep.phases().get(0),
                    sweep.contenders().stream().map(c -> ((Contender.Fixed) c).pollers()).toList());
            Scenario step = Scenarios.capacityStep(false, m);
            for (Phase phase : step.phases().subList(0, 2)) {
                int ideal = Capacity.idealPollers(phase.capacity(step.concurrentConsumers()), phase.rttMillis() + 1,
                        1, SqsConditions.meanBatch(m));
                printModelled(step, phase, IntStream.rangeClosed(ideal, ideal + 3).boxed().toList());
            }
        }
    }

    private static void printModelled(Scenario scenario, Phase phase, List<Integer> counts) {
        System.out.printf(Locale.ROOT, "%s, phase %s: K=%d, service %.0f ms (capacity %.0f/s), round trip %.0f ms%n",
                scenario.title(), phase.name(), scenario.concurrentConsumers(), phase.serviceMillis(),
                phase.capacity(scenario.concurrentConsumers()), phase.rttMillis());
        System.out.printf(Locale.ROOT, "%-10s %18s %18s %20s%n", "", "batch or receive", "batch or receive",
                "bound in messages");
        System.out.printf(Locale.ROOT, "%-10s %18s %18s %20s%n", "pollers", "at " + rtt(phase, 1),
                "at " + rtt(phase, 5), "at " + rtt(phase, 5));
        for (int pollers : counts) {
            System.out.printf(Locale.ROOT, "%-10s %17.1f%% %17.1f%% %19.1f%%%n", "fixed-" + pollers,
                    100 * modelled(scenario, phase, PipelineModel.Holding.BATCH_PER_POLLER, pollers, 1),
                    100 * modelled(scenario, phase, PipelineModel.Holding.BATCH_PER_POLLER, pollers, 5),
                    100 * modelled(scenario, phase, PipelineModel.Holding.MESSAGES, pollers, 5));
        }
        System.out.println();
    }

    private static String rtt(Phase phase, double extraMillis) {
        return String.format(Locale.ROOT, "%.0f ms", phase.rttMillis() + extraMillis);
    }

    private static double modelled(Scenario scenario, Phase phase, PipelineModel.Holding holding, int pollers,
                                   double extraMillis) {
        int seeds = 4;
        double sum = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            sum += PipelineModel.shareOfCapacity(scenario.mode(), seed, holding, pollers,
                    scenario.concurrentConsumers(), phase.serviceMillis(), phase.rttMillis() + extraMillis,
                    Scenario.QUEUE_SIZE, 120);
        }
        return sum / seeds;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static final class ExitCode {
        static final int OK = 0;
        static final int FAILED = 1;
        static final int INVALID_INPUT = 2;

        private ExitCode() {
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchCommand.class.getPackage().getImplementationVersion();
            return new String[] {"adaptive-sqs-bench " + (version == null ? "(development build)" : version)};
        }
    }
}
