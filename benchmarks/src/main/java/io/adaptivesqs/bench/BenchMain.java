package io.adaptivesqs.bench;

import picocli.CommandLine;

/** Entry point of the fat jar: {@code java -jar adaptive-sqs-bench.jar [--quick] [--scenario NAME] [--out DIR]}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        BenchCommand command = new BenchCommand();
        // picocli answers a parse error with its usage exit code, 2: the same as our invalid input
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean invalidInput = e instanceof IllegalArgumentException;
            cmd.getErr().println("bench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (command.verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return invalidInput ? BenchCommand.ExitCode.INVALID_INPUT : BenchCommand.ExitCode.FAILED;
        });
        return commandLine;
    }
}
