package io.adaptivesqs.runner;

import static io.adaptivesqs.runner.RunnerHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.adaptivesqs.runner.RunnerHarness.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against an SQS endpoint of the user's own, set in the properties file
 * ({@code camel.component.adaptive-sqs.uriEndpointOverride} and friends) instead of {@code --embedded-sqs}: an
 * ElasticMQ the test starts on a free loopback port, and a free port where nothing listens. A start that fails ends
 * in exit code 1 and one line that names the queue or the endpoint and what to do; the log shows the failure once and
 * no other exception (such as one from stopping the consumer that never started).
 */
class ExternalSqsIT {

    private static final Pattern EXCEPTION_NAME =
            Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error))\\b");
    private static final String START_FAILED = "org.apache.camel.FailedToStartRouteException";

    static EmbeddedSqs sqs;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSqs() {
        sqs = EmbeddedSqs.start(0);
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @Test
    void consumesAnExistingQueue() {
        String url = sqs.createQueue("present-q");
        for (int i = 1; i <= 3; i++) {
            String body = "order-" + i;
            sqs.client().sendMessage(request -> request.queueUrl(url).messageBody(body));
        }
        Path processed = temp.resolve("processed");

        Result result = run("present-q", sqs.endpoint().toString(),
                "  - to: \"file:" + processed + "?fileName=${body}.txt\"",
                "camel.main.durationMaxMessages = 3");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        assertThat(fileNames(processed)).containsExactlyInAnyOrder("order-1.txt", "order-2.txt", "order-3.txt");
        assertThat(exceptionsNamed(result.log())).isEmpty();
    }

    @Test
    void missingQueueNamesTheQueueAndTheOption() {
        Result result = run("nope-q", sqs.endpoint().toString(), "  - to: log:nope", "");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(result.err()).isEqualTo("adaptive-sqs-runner: r.yaml:1: SQS queue 'nope-q' does not exist; "
                                           + "create it, or set autoCreateQueue=true on adaptive-sqs:nope-q"
                                           + System.lineSeparator());
        assertThat(exceptionsNamed(result.log())).containsOnly(START_FAILED);
    }

    @Test
    void refusedConnectionNamesTheEndpoint() {
        String nobodyListens = "http://127.0.0.1:" + RunnerHarness.freePort();

        Result result = run("orders", nobodyListens, "  - to: log:orders", "");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(result.err()).isEqualTo("adaptive-sqs-runner: r.yaml:1: Cannot open SQS queue 'orders' for "
                                           + "adaptive-sqs:orders: cannot connect to " + nobodyListens
                                           + " (connection refused); check that SQS runs there, or set "
                                           + "uriEndpointOverride" + System.lineSeparator());
        assertThat(exceptionsNamed(result.log())).containsOnly(START_FAILED);
    }

    @Test
    void sdkDetailOnlyWithVerbose() {
        Result result = run("nope-q", sqs.endpoint().toString(), "  - to: log:nope", "", "--verbose");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(result.err().lines().findFirst()).hasValue("adaptive-sqs-runner: r.yaml:1: SQS queue 'nope-q' "
                + "does not exist; create it, or set autoCreateQueue=true on adaptive-sqs:nope-q");
        assertThat(result.err()).contains("QueueDoesNotExistException", "The specified queue does not exist");
        assertThat(result.log()).doesNotContain("NullPointerException");
    }

    private Result run(String queue, String endpoint, String step, String moreProperties, String... moreArgs) {
        Path routes = temp.resolve("routes");
        write(routes.resolve("r.yaml"), """
                - from:
                    uri: adaptive-sqs:%s
                    parameters:
                      waitTimeSeconds: 1
                    steps:
                    %s
                """.formatted(queue, step));
        Path properties = write(temp.resolve("app.properties"), """
                camel.component.adaptive-sqs.overrideEndpoint = true
                camel.component.adaptive-sqs.uriEndpointOverride = %s
                camel.component.adaptive-sqs.region = us-east-1
                camel.component.adaptive-sqs.accessKey = x
                camel.component.adaptive-sqs.secretKey = x
                %s
                """.formatted(endpoint, moreProperties));
        String[] args = Stream.concat(Stream.of("--routes", routes.toString(), "--properties", properties.toString(),
                "--duration", "60s", "--status-interval", "0"), Stream.of(moreArgs)).toArray(String[]::new);
        return RunnerHarness.run(args);
    }

    /** The exception classes the log names, in its lines and in the first line of each logged exception. */
    private static Set<String> exceptionsNamed(String log) {
        Set<String> names = new TreeSet<>();
        Matcher name = EXCEPTION_NAME.matcher(log);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    private static Set<String> fileNames(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
