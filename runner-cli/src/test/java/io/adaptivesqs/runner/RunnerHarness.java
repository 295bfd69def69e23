package io.adaptivesqs.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * Runs the command in this JVM, as the launcher would, and keeps what it printed.
 */
final class RunnerHarness {

    /**
     * What one run returned and printed. {@code out} holds the status lines, {@code err} the error line.
     */
    record Result(int exitCode, String out, String err) {
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static Result run(String... args) {
        return new RunnerHarness().execute(args);
    }

    Result execute(String... args) {
        CommandLine commandLine = RunnerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** What the run printed to stdout so far; safe to read while it runs. */
    String outSoFar() {
        return out.toString();
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
