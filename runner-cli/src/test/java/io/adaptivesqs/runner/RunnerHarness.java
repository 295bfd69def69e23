package io.adaptivesqs.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * Runs the command in this JVM, as the launcher would, and keeps what it printed and what it logged.
 */
final class RunnerHarness {

    /**
     * What one run returned and printed. {@code out} holds the status lines, {@code err} the error line, {@code log}
     * what was logged meanwhile (the test configuration logs to System.out, which the harness reads while the run
     * lasts).
     */
    record Result(int exitCode, String out, String err, String log) {
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static Result run(String... args) {
        return new RunnerHarness().execute(args);
    }

    Result execute(String... args) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream console = System.out;
        // before the command line exists: picocli's default execution strategy keeps the System.out of that moment
        // and, when it differs from System.out at execution, prints help and version there instead of to setOut's
        System.setOut(new PrintStream(new Tee(console, log), true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            CommandLine commandLine = RunnerCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            exitCode = commandLine.execute(args);
        } finally {
            System.out.flush();
            System.setOut(console);
        }
        return new Result(exitCode, out.toString(), err.toString(), log.toString(StandardCharsets.UTF_8));
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

    /** Writes to the console as before, and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            copy.write(b);
            try {
                console.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            copy.write(bytes, offset, length);
            console.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
