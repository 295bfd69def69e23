package io.adaptivesqs.runner;

import java.net.ConnectException;
import java.util.Locale;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * A start that failed on an SQS call, told in one line. The component that made the call already said which queue
 * and what to do, in the exception that wraps the SDK's: that message is the line, without the SDK's detail (which
 * {@code --verbose} shows). When the SQS endpoint cannot be reached, the line names the endpoint and where it is set.
 */
final class SqsStartFailures {

    private SqsStartFailures() {
    }

    /**
     * @param failure  the failure to start
     * @param address  where the route that failed sends its SQS calls, if known
     * @return the line, or empty when no SQS call failed
     */
    static Optional<String> explain(Throwable failure, Optional<String> address) {
        Optional<SdkException> sdk = Failures.find(failure, SdkException.class);
        if (sdk.isEmpty()) {
            return Optional.empty();
        }
        String explained = explanation(failure, sdk.get());
        Optional<ConnectException> refused = Failures.find(sdk.get(), ConnectException.class);
        if (refused.isEmpty()) {
            return Optional.of(explained);
        }
        return Optional.of(explained + ": cannot connect to " + address.orElse("the SQS endpoint") + " ("
                           + reason(refused.get()) + "); check that SQS runs there, or set uriEndpointOverride");
    }

    /**
     * The message of the exception that wraps the SDK's, less the SDK's message it repeats; the SDK's own message
     * when nothing wraps it.
     */
    private static String explanation(Throwable failure, SdkException sdk) {
        Throwable wrapper = null;
        for (Throwable cause = failure; cause != null && cause != sdk; cause = cause.getCause()) {
            wrapper = cause;
        }
        String sdkMessage = Failures.firstLine(sdk.getMessage());
        if (wrapper == null || wrapper.getCause() != sdk) {
            return sdkMessage;
        }
        String message = Failures.firstLine(wrapper.getMessage());
        int repeated = sdkMessage.isEmpty() ? -1 : message.indexOf(sdkMessage);
        if (repeated >= 0) {
            message = message.substring(0, repeated).replaceFirst("[:;,\\s]+$", "");
        }
        // a wrapper that only repeats its cause (such as RuntimeCamelException) explains nothing
        return message.isEmpty() || message.equals(sdk.getClass().getName()) ? sdkMessage : message;
    }

    private static String reason(ConnectException refused) {
        String message = Failures.firstLine(refused.getMessage());
        // Apache's client says "Connect to host:port [/address] failed: Connection refused"
        int failed = message.lastIndexOf("failed: ");
        String reason = failed < 0 ? message : message.substring(failed + "failed: ".length());
        return reason.isEmpty() ? "connection refused" : reason.toLowerCase(Locale.ROOT);
    }
}
