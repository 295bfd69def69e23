package io.adaptivesqs.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adaptive-sqs-runner}: the command line. It only reads and checks options; {@link CamelRunner} does the
 * hosting.
 */
@Command(name = "adaptive-sqs-runner",
         mixinStandardHelpOptions = true,
         versionProvider = VersionProvider.class,
         sortOptions = false,
         usageHelpAutoWidth = true,
         description = {
                 "Runs the Camel YAML routes in the given folders (adaptive-sqs:, aws2-sqs:, timer:, log: ...) "
                         + "until stopped, printing how each adaptive-sqs consumer scales." },
         exitCodeListHeading = "%nExit codes:%n",
         exitCodeList = {
                 "0:stopped as asked (Ctrl-C, SIGTERM, end of --duration)",
                 "1:runtime failure",
                 "2:invalid input (options, route files, properties)" },
         footerHeading = "%nExample:%n",
         footer = "  adaptive-sqs-runner --routes routes/ --embedded-sqs --duration 2m")
public final class RunnerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--routes", order = 1, paramLabel = "DIR", required = true, split = ",",
            description = "Folder of YAML routes (*.yaml, *.yml, searched recursively). Repeat for more folders.")
    private List<Path> routeFolders;

    @Option(names = "--properties", order = 2, paramLabel = "FILE",
            description = "Properties file: camel.* settings, component options, values for {{placeholders}}.")
    private Path propertiesFile;

    /** Null without --embedded-sqs; 0 for any free port. */
    private Integer embeddedSqsPort;

    @Option(names = "--reload", order = 4, description = "Reload routes when their files change (development).")
    private boolean reload;

    @Option(names = "--duration", order = 5, paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 30s, 2m. Default: run until stopped.")
    private Duration duration;

    @Option(names = "--status-interval", order = 6, paramLabel = "D", converter = DurationConverter.class,
            defaultValue = "5s",
            description = "Print one status line per adaptive-sqs consumer this often; 0 turns it off. "
                          + "Default: ${DEFAULT-VALUE}.")
    private Duration statusInterval;

    private Integer httpPort;

    @Option(names = { "-v", "--verbose" }, order = 8, description = "Debug logging, and stack traces with errors.")
    private boolean verbose;

    @Option(names = "--embedded-sqs", order = 3, paramLabel = "PORT", arity = "0..1", fallbackValue = "0",
            description = "Start an SQS server (ElasticMQ) on 127.0.0.1 in this process, create the queues the "
                          + "routes use and point every SQS endpoint at it. PORT defaults to a free one.")
    void setEmbeddedSqsPort(int port) {
        embeddedSqsPort = checkPort("--embedded-sqs", port, 0);
    }

    @Option(names = "--http-port", order = 7, paramLabel = "PORT",
            description = "Serve health (/observe/health) and Prometheus metrics (/observe/metrics) on this port. "
                          + "Default: off.")
    void setHttpPort(int port) {
        httpPort = checkPort("--http-port", port, 1);
    }

    /**
     * The command line with the runner's error handling in place; {@code execute(args)} returns the exit code.
     */
    public static CommandLine commandLine() {
        RunnerCommand command = new RunnerCommand();
        CommandLine commandLine = new CommandLine(command);
        FailureHandler failures = new FailureHandler(() -> command.verbose);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExecutionExceptionHandler(failures);
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        Logging.configure(verbose);
        RunSettings settings = new RunSettings(
                RouteFiles.find(routeFolders), checkedPropertiesFile(), embeddedSqsPort, reload, duration,
                statusInterval, httpPort);
        PrintWriter out = spec.commandLine().getOut();
        return new CamelRunner(settings, out).run();
    }

    private Path checkedPropertiesFile() {
        if (propertiesFile == null) {
            return null;
        }
        if (!propertiesFile.toFile().isFile()) {
            throw new InvalidInputException("properties file not found: " + RouteFiles.display(propertiesFile));
        }
        return propertiesFile.toAbsolutePath().normalize();
    }

    private int checkPort(String option, int port, int lowest) {
        if (port < lowest || port > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': " + port + " is not a port (" + lowest + "-65535)");
        }
        return port;
    }
}
