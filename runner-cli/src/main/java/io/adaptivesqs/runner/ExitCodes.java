package io.adaptivesqs.runner;

/**
 * The runner's exit codes, the contract scripts and CI rely on.
 */
public final class ExitCodes {

    /** Stopped as asked: Ctrl-C, SIGTERM, or the end of {@code --duration}. */
    public static final int OK = 0;
    /** Something failed while running, or while starting against the outside world (SQS, ports). */
    public static final int RUNTIME_FAILURE = 1;
    /** The command line, a route file or a property is wrong; fixing the input fixes the run. */
    public static final int INVALID_INPUT = 2;

    private ExitCodes() {
    }
}
