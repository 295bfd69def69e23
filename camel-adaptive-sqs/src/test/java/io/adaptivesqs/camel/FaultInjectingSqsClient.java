package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Delegates to a real client and makes a share of the calls fail the way SQS does under stress: receives fail with
 * a 500 or are throttled; delete batches fail as a whole (500) or come back with every entry refused as a server
 * fault. A failed call reaches the server not at all, so nothing is half done. Seeded, so a run can be repeated.
 */
final class FaultInjectingSqsClient extends DelegatingSqsClient {

    private final SplittableRandom random;
    private volatile double receiveFailureRate;
    private volatile double deleteFailureRate;
    private final AtomicLong receiveCalls = new AtomicLong();
    private final AtomicLong failedReceives = new AtomicLong();
    private final AtomicLong deleteCalls = new AtomicLong();
    private final AtomicLong failedDeletes = new AtomicLong();

    FaultInjectingSqsClient(SqsClient delegate, long seed) {
        super(delegate);
        this.random = new SplittableRandom(seed);
    }

    FaultInjectingSqsClient failReceives(double rate) {
        this.receiveFailureRate = rate;
        return this;
    }

    FaultInjectingSqsClient failDeletes(double rate) {
        this.deleteFailureRate = rate;
        return this;
    }

    long receiveCalls() {
        return receiveCalls.get();
    }

    long failedReceives() {
        return failedReceives.get();
    }

    long deleteCalls() {
        return deleteCalls.get();
    }

    long failedDeletes() {
        return failedDeletes.get();
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        long call = receiveCalls.incrementAndGet();
        if (nextDouble() < receiveFailureRate) {
            failedReceives.incrementAndGet();
            throw call % 2 == 0
                    ? error(500, "InternalError", "injected: we encountered an internal error")
                    : error(400, "ThrottlingException", "injected: Rate exceeded");
        }
        return delegate.receiveMessage(request);
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        long call = deleteCalls.incrementAndGet();
        if (nextDouble() < deleteFailureRate) {
            failedDeletes.incrementAndGet();
            if (call % 2 == 0) {
                throw error(500, "InternalError", "injected: we encountered an internal error");
            }
            List<BatchResultErrorEntry> refused = new ArrayList<>();
            for (DeleteMessageBatchRequestEntry entry : request.entries()) {
                refused.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                        .message("injected").senderFault(false).build());
            }
            return DeleteMessageBatchResponse.builder().failed(refused).successful(List.of()).build();
        }
        return delegate.deleteMessageBatch(request);
    }

    private static SqsException error(int status, String code, String message) {
        return (SqsException) SqsException.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Sqs")
                        .build())
                .build();
    }
}
