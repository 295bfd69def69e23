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
                                             + "instead of 30.")
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
            ModelReport.print(Mode.parse(mode), System.out);
            return ExitCode.OK;
        }
        Files.createDirectories(out);
        // before anything logs: log4j2.xml sends the component's "why" lines and Camel's to this file
        System.setProperty("bench.logFile", out.resolve("bench.log").toString());

        int trials = scenarios.stream().mapToInt(s -> s.contenders().size()).sum();
        double estimate = BenchRun.estimatedSeconds(scenarios);
        System.err.printf(Locale.ROOT, "Running %d scenarios, %d trials, about %s (log: %s)%n", scenarios.size(),
                trials, Progress.clock(estimate + 5), out.resolve("bench.log"));
        String startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        TimerLatency timer = TimerLatency.measure(BenchRun.serviceTimes(scenarios));
        System.err.printf(Locale.ROOT, "A timed park wakes late by (us, by service time in ms): %s%n", timer.micros());
        Progress progress = new Progress(System.err, System.console() != null, trials, estimate);

        List<ScenarioOutcome> outcomes = BenchRun.execute(scenarios, timer, progress);

        RunInfo run = new RunInfo(startedAt, host(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), quick,
                progress.elapsed(), timer.micros());
        ReportWriter.write(out, run, outcomes, System.out);
        return ExitCode.OK;
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
