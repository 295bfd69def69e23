package io.adaptivesqs.camel;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Which failures of an SQS call are worth trying again. */
final class SqsErrors {

    private SqsErrors() {
    }

    /**
     * Transport errors, 5xx and throttling may pass; any other refusal by SQS (400, 403, ...) or an unexpected
     * exception will not, and retrying it only holds messages and memory.
     */
    static boolean isTransient(Throwable error) {
        if (error instanceof SdkServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        return error instanceof SdkClientException;
    }
}
