package io.adaptivesqs.runner;

/**
 * The {@code adaptive-sqs-runner} program.
 */
public final class RunnerMain {

    private RunnerMain() {
    }

    public static void main(String[] args) {
        // exit explicitly: the embedded SQS and the HTTP server leave non-daemon threads behind
        System.exit(RunnerCommand.commandLine().execute(args));
    }
}
