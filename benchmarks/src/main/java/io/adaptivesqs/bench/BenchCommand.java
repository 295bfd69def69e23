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

    @Option(names = "--model", description = "Print what a model of the pipeline without any overhead reaches in the "
                                             + "fixed-N sweep, then exit: the ceiling of each fixed count.")
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
                throw new IllegalArgumentException("--model models the fixed-N sweep only: leave out --scenario");
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
     * The fixed-N sweep in {@link PipelineModel}, each figure the mean of a few seeds: the pipeline's way of holding
     * at the round trip injected plus the client's millisecond and at the 55 ms the trials measure on two busy cores,
     * and the same bound spent in messages at 55 ms.
     */
    private static void printModel(List<Mode> modes) {
        for (Mode m : modes) {
            Scenario sweep = Scenarios.fixedSweep(false, m);
            Phase phase = sweep.phases().get(0);
            System.out.printf(Locale.ROOT, "%s: %s%nModel without overhead or throttling, buffer of %d: share of "
                                           + "capacity%n", sweep.title(), sweep.description(), Scenario.QUEUE_SIZE);
            System.out.printf(Locale.ROOT, "%-10s %18s %18s %20s%n", "", "batch or receive", "batch or receive",
                    "bound in messages");
            System.out.printf(Locale.ROOT, "%-10s %18s %18s %20s%n", "pollers", "at " + rtt(phase, 1),
                    "at " + rtt(phase, 5), "at " + rtt(phase, 5));
            for (Contender contender : sweep.contenders()) {
                int pollers = ((Contender.Fixed) contender).pollers();
                System.out.printf(Locale.ROOT, "%-10s %17.1f%% %17.1f%% %19.1f%%%n", contender.label(),
                        100 * modelled(sweep, PipelineModel.Holding.BATCH_PER_POLLER, pollers, 1),
                        100 * modelled(sweep, PipelineModel.Holding.BATCH_PER_POLLER, pollers, 5),
                        100 * modelled(sweep, PipelineModel.Holding.MESSAGES, pollers, 5));
            }
            System.out.println();
        }
    }

    private static String rtt(Phase phase, double extraMillis) {
        return String.format(Locale.ROOT, "%.0f ms", phase.rttMillis() + extraMillis);
    }

    private static double modelled(Scenario sweep, PipelineModel.Holding holding, int pollers, double extraMillis) {
        Phase phase = sweep.phases().get(0);
        int seeds = 4;
        double sum = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            sum += PipelineModel.shareOfCapacity(sweep.mode(), seed, holding, pollers, sweep.concurrentConsumers(),
                    phase.serviceMillis(), phase.rttMillis() + extraMillis, Scenario.QUEUE_SIZE, 120);
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
