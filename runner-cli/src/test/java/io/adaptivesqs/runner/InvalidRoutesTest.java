package io.adaptivesqs.runner;

import static io.adaptivesqs.runner.RunnerHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.adaptivesqs.runner.RunnerHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route files Camel rejects while starting: each must end in exit code 2 and one line naming the file and the
 * problem, without a stack trace.
 */
class InvalidRoutesTest {

    @TempDir
    Path routes;

    @Test
    void yamlSyntaxErrorNamesFileAndLine() {
        Path file = write(routes.resolve("broken.yaml"), """
                - from:
                    uri: timer:tick
                    steps:
                      - to: log:tick
                   - oops: [
                """);

        assertInvalid(run(), "YAML error in " + file + " line 5, column 4: expected <block end>, but found "
                             + "'<block sequence start>'");
    }

    @Test
    void unknownStepNamesFileAndLine() {
        Path file = write(routes.resolve("nested/typo.yml"), """
                - from:
                    uri: timer:tick
                    steps:
                      - too: log:tick
                """);

        assertInvalid(run(), "YAML error in " + file + " line 4, column 9: Unknown node id: too");
    }

    @Test
    void unknownComponentNamesFileAndScheme() {
        Path file = write(routes.resolve("unknown-component.yaml"), """
                - from:
                    uri: timer:tick
                    steps:
                      - to: nosuch:thing?password=secret
                """);

        Result result = run();

        assertInvalid(result, file + ": unknown component 'nosuch' in endpoint nosuch:thing");
        assertThat(result.err()).doesNotContain("secret");
    }

    @Test
    void unknownOptionNamesFileAndOptionButNotItsValue() {
        Path file = write(routes.resolve("orders.yaml"), """
                - from:
                    uri: adaptive-sqs:orders
                    parameters:
                      maxPolers: 20
                      secretKeyy: do-not-print
                    steps:
                      - to: log:orders
                """);

        Result result = run();

        assertInvalid(result, file + ": unknown options 'maxPolers', 'secretKeyy' for endpoint adaptive-sqs:orders");
        assertThat(result.err()).doesNotContain("do-not-print");
    }

    @Test
    void invalidOptionValueNamesFileAndOption() {
        Path file = write(routes.resolve("orders.yaml"), """
                - from:
                    uri: adaptive-sqs:orders
                    parameters:
                      maxPollers: 0
                    steps:
                      - to: log:orders
                """);

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).startsWith("adaptive-sqs-runner: " + file + ": ").contains("maxPollers");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void missingPlaceholderNamesTheKey() {
        write(routes.resolve("orders.yaml"), """
                - from:
                    uri: timer:tick
                    steps:
                      - to: "log:{{orders.logger}}"
                """);

        Result result = run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).contains("orders.logger").contains("not found");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void stackTraceOnlyWithVerbose() {
        write(routes.resolve("unknown-component.yaml"), """
                - from:
                    uri: timer:tick
                    steps:
                      - to: nosuch:thing
                """);

        Result result = RunnerHarness.run("--routes", routes.toString(), "--status-interval", "0", "--verbose");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).contains("unknown component 'nosuch'", "Caused by: ", "\tat org.apache.camel.");
    }

    @Test
    void embeddedSqsOnABusyPortIsARuntimeFailure() throws Exception {
        write(routes.resolve("tick.yaml"), "- from:\n    uri: timer:tick\n    steps:\n      - to: log:tick\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName(EmbeddedSqs.LOOPBACK))) {
            Result result = RunnerHarness.run(
                    "--routes", routes.toString(), "--embedded-sqs=" + busy.getLocalPort(), "--duration", "1s");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
            assertThat(result.err()).startsWith(
                    "adaptive-sqs-runner: embedded SQS cannot listen on 127.0.0.1:" + busy.getLocalPort() + ": ");
            assertThat(result.err().lines()).hasSize(1);
        }
    }

    private Result run() {
        return RunnerHarness.run("--routes", routes.toString(), "--status-interval", "0");
    }

    private static void assertInvalid(Result result, String line) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).isEqualTo("adaptive-sqs-runner: " + line + System.lineSeparator());
    }
}
