package io.adaptivesqs.runner;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where a failure becomes an exit code and a single line on stderr. Stack traces only with
 * {@code --verbose}.
 */
final class FailureHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private static final String PREFIX = "adaptive-sqs-runner: ";

    private final BooleanSupplier verbose;

    FailureHandler(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        PrintWriter err = failure.getCommandLine().getErr();
        err.println(PREFIX + failure.getMessage() + suggestion(failure) + " (see --help)");
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean invalidInput = failure instanceof InvalidInputException;
        err.println(PREFIX + (invalidInput || failure instanceof RunFailedException
                ? failure.getMessage()
                : Failures.summary(failure)));
        if (verbose.getAsBoolean()) {
            failure.printStackTrace(err);
        }
        err.flush();
        return invalidInput ? ExitCodes.INVALID_INPUT : ExitCodes.RUNTIME_FAILURE;
    }

    private static String suggestion(ParameterException failure) {
        if (failure instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return "";
    }
}
