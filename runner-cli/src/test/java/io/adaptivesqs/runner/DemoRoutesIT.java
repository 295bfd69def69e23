package io.adaptivesqs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.adaptivesqs.runner.RunnerHarness.Result;
import org.junit.jupiter.api.Test;

/**
 * The demo shipped in {@code routes/} loads and runs on the embedded SQS, and its adaptive consumer processes what
 * the producer sends.
 */
class DemoRoutesIT {

    static final Path DEMO_ROUTES = Path.of("..", "routes");

    @Test
    void demoRunsOnTheEmbeddedSqs() {
        assertThat(DEMO_ROUTES.resolve("demo-consumer.yaml")).exists();

        Result result = RunnerHarness.run("--routes", DEMO_ROUTES.toString(), "--embedded-sqs", "--duration", "10s",
                "--status-interval", "1s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines().filter(line -> line.contains(" STATUS demo-orders: demo-orders pollers ")))
                .hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(line -> line.matches(".* completed [1-9][0-9.]* msg/s.*"));
    }
}
