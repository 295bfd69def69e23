package io.adaptivesqs.camel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * An SqsClient without a server for unit tests of the batch senders: each batch call answers as the test scripts it
 * (every entry done by default), and every call is recorded.
 */
final class ScriptedSqsClient implements SqsClient {

    /** One ChangeMessageVisibilityBatch entry as sent, in order of sending. */
    record VisibilityChange(String receiptHandle, int seconds) {
    }

    final List<VisibilityChange> visibilityChanges = new CopyOnWriteArrayList<>();
    final List<List<String>> deleteCalls = new CopyOnWriteArrayList<>();
    volatile Function<ChangeMessageVisibilityBatchRequest, ChangeMessageVisibilityBatchResponse> onChangeVisibility =
            request -> ChangeMessageVisibilityBatchResponse.builder().build();
    volatile Function<DeleteMessageBatchRequest, DeleteMessageBatchResponse> onDelete =
            request -> DeleteMessageBatchResponse.builder().build();

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest r) {
        ChangeMessageVisibilityBatchResponse response = onChangeVisibility.apply(r);
        // recorded when the call lands, as SQS would apply it
        for (ChangeMessageVisibilityBatchRequestEntry entry : r.entries()) {
            visibilityChanges.add(new VisibilityChange(entry.receiptHandle(), entry.visibilityTimeout()));
        }
        return response;
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        deleteCalls.add(request.entries().stream().map(e -> e.receiptHandle()).toList());
        return onDelete.apply(request);
    }

    /** The last visibility SQS applied for a message, or null if none. */
    Integer lastVisibility(String receiptHandle) {
        Integer last = null;
        for (VisibilityChange change : visibilityChanges) {
            if (change.receiptHandle().equals(receiptHandle)) {
                last = change.seconds();
            }
        }
        return last;
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
    }
}
