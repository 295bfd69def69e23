package io.adaptivesqs.runner;

/**
 * Input the user can fix: its message is the one line the runner prints before exiting with
 * {@link ExitCodes#INVALID_INPUT}.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
