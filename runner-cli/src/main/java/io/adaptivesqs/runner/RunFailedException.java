package io.adaptivesqs.runner;

/**
 * A failure while starting or running that is not the user's input: its message is the one line the runner prints
 * before exiting with {@link ExitCodes#RUNTIME_FAILURE}.
 */
public class RunFailedException extends RuntimeException {

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
