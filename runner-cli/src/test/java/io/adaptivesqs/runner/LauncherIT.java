package io.adaptivesqs.runner;

import static io.adaptivesqs.runner.RunnerHarness.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user starts it: the {@code adaptive-sqs-runner} script at the repository root running the
 * fat jar that {@code mvn package} built, in a process of its own, stopped by SIGTERM.
 */
class LauncherIT {

    static final Path LAUNCHER = Path.of("..", "adaptive-sqs-runner").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void printsTheVersion() throws Exception {
        Process process = start(List.of("--version"), Map.of());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
        assertThat(output()).contains("adaptive-sqs-runner ", "Apache Camel 4.");
    }

    @Test
    void saysHowToBuildWhenTheJarIsMissing() throws Exception {
        Path missingJar = temp.resolve("none.jar");
        Process process = start(List.of("--help"), Map.of("ADAPTIVE_SQS_RUNNER_JAR", missingJar.toString()));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output()).contains("not found; build it first with: mvn -q -DskipTests package");
    }

    @Test
    void servesMetricsAndHealthThenStopsCleanlyOnSigterm() throws Exception {
        Path routes = temp.resolve("routes");
        write(routes.resolve("orders.yaml"), """
                - route:
                    id: feed
                    from:
                      uri: timer:feed
                      parameters:
                        period: 50
                      steps:
                        - setBody:
                            constant: an order
                        - to: aws2-sqs:launcher-orders
                - route:
                    id: work
                    from:
                      uri: adaptive-sqs:launcher-orders
                      parameters:
                        waitTimeSeconds: 1
                      steps:
                        - to: log:work?level=DEBUG
                """);
        int httpPort = RunnerHarness.freePort();
        Process process = start(List.of("--routes", routes.toString(), "--embedded-sqs", "--http-port",
                Integer.toString(httpPort), "--status-interval", "1s"), Map.of());
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(get(http, httpPort, "/observe/metrics"))
                            .containsPattern("adaptive_sqs_messages_completed_total\\{queue=\"launcher-orders\","
                                             + "routeId=\"work\"} [1-9]")
                            .contains("adaptive_sqs_pollers_active{queue=\"launcher-orders\",routeId=\"work\"}"));
            assertThat(get(http, httpPort, "/observe/health")).contains("\"status\":\"UP\"");
            assertThat(output()).contains(" STATUS work: launcher-orders pollers ");

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(ExitCodes.OK);
            assertThat(output()).contains("SIGTERM received: stopping gracefully");
        } finally {
            process.destroyForcibly();
        }
    }

    private Process start(List<String> args, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(LAUNCHER.toString());
        builder.command().addAll(args);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(temp.resolve("output.txt").toFile());
        return builder.start();
    }

    private String output() throws IOException {
        return Files.readString(temp.resolve("output.txt"));
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
