package io.adaptivesqs.runner;

import static io.adaptivesqs.runner.RunnerHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.adaptivesqs.runner.RunnerHarness.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on its own: help, version, and every input rejected before Camel starts.
 */
class CommandLineTest {

    @TempDir
    Path temp;
    Path routes;

    @BeforeEach
    void routesFolder() {
        routes = temp.resolve("routes");
        write(routes.resolve("tick.yaml"), "- from:\n    uri: timer:tick\n    steps:\n      - to: log:tick\n");
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        Result result = RunnerHarness.run("--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Usage: adaptive-sqs-runner", "--routes=DIR", "--properties=FILE",
                "--embedded-sqs[=PORT]", "--reload", "--duration=D", "--status-interval=D", "--http-port=PORT",
                "--verbose", "--version", "2   invalid input");
    }

    @Test
    void versionNamesTheRunnerAndCamel() {
        Result result = RunnerHarness.run("--version");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).containsPattern("adaptive-sqs-runner \\d+\\.\\d+\\.\\d+").contains("Apache Camel 4.");
    }

    @Test
    void unknownOptionIsInvalidInputWithASuggestion() {
        Result result = RunnerHarness.run("--routes", routes.toString(), "--reloda");

        assertInvalid(result, "adaptive-sqs-runner: Unknown option: '--reloda'; did you mean --reload? (see --help)");
    }

    @Test
    void routesAreRequired() {
        assertInvalid(RunnerHarness.run("--embedded-sqs"),
                "adaptive-sqs-runner: Missing required option: '--routes=DIR' (see --help)");
    }

    @Test
    void missingRoutesFolder() {
        Path missing = temp.resolve("nowhere");

        assertInvalid(RunnerHarness.run("--routes", missing.toString()),
                "adaptive-sqs-runner: routes folder not found: " + missing);
    }

    @Test
    void routesFolderWithoutYaml() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        write(empty.resolve("notes.txt"), "not a route");

        assertInvalid(RunnerHarness.run("--routes", empty.toString()),
                "adaptive-sqs-runner: routes folder " + empty + " has no route files (*.yaml, *.yml)");
    }

    @Test
    void routesMustBeAFolder() {
        Path file = routes.resolve("tick.yaml");

        assertInvalid(RunnerHarness.run("--routes", file.toString()),
                "adaptive-sqs-runner: --routes needs a folder, and " + file + " is a file");
    }

    @Test
    void missingPropertiesFile() {
        Path missing = temp.resolve("application.properties");

        assertInvalid(RunnerHarness.run("--routes", routes.toString(), "--properties", missing.toString()),
                "adaptive-sqs-runner: properties file not found: " + missing);
    }

    @Test
    void durationNeedsAUnitCamelUnderstands() {
        assertInvalid(RunnerHarness.run("--routes", routes.toString(), "--duration", "PT30S"),
                "adaptive-sqs-runner: Invalid value for option '--duration': 'PT30S' is not a duration such as 30s, "
                                                                                + "2m or 1h30m (see --help)");
    }

    @Test
    void portsMustBePorts() {
        assertInvalid(RunnerHarness.run("--routes", routes.toString(), "--http-port", "70000"),
                "adaptive-sqs-runner: Invalid value for option '--http-port': 70000 is not a port (1-65535) "
                                                                                + "(see --help)");
        assertInvalid(RunnerHarness.run("--routes", routes.toString(), "--embedded-sqs=-1"),
                "adaptive-sqs-runner: Invalid value for option '--embedded-sqs': -1 is not a port (0-65535) "
                                                                                + "(see --help)");
    }

    @Test
    void reloadWatchesOneFolder() {
        Path other = temp.resolve("more");
        write(other.resolve("more.yml"), "- from:\n    uri: timer:more\n    steps:\n      - to: log:more\n");

        assertInvalid(RunnerHarness.run("--routes", routes + "," + other, "--reload"),
                "adaptive-sqs-runner: --reload watches one routes folder; give --routes once");
    }

    private static void assertInvalid(Result result, String line) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.err()).isEqualTo(line + System.lineSeparator());
    }
}
