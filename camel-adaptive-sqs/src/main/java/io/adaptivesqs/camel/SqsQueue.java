package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The SQS calls the pipeline makes, against one resolved queue URL. Batch calls take at most ten receipt handles
 * and return the entries SQS refused. On a FIFO queue every receive also asks for the attributes that order the
 * messages.
 */
final class SqsQueue {

    static final int MAX_BATCH = 10;
    static final List<String> FIFO_ATTRIBUTES = List.of(MessageSystemAttributeName.MESSAGE_GROUP_ID.toString(),
            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID.toString(),
            MessageSystemAttributeName.SEQUENCE_NUMBER.toString());

    private final SqsClient client;
    private final String url;
    private final ReceiveMessageRequest receiveRequest;
    private volatile Consumer<List<Message>> receivedListener = messages -> {
    };

    SqsQueue(SqsClient client, String url, AdaptiveSqsConfiguration configuration, int visibilityTimeout,
             boolean fifo) {
        this.client = client;
        this.url = url;
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
                .queueUrl(url)
                .maxNumberOfMessages(configuration.getMaxMessagesPerPoll())
                .waitTimeSeconds(configuration.getWaitTimeSeconds())
                .visibilityTimeout(visibilityTimeout);
        Set<String> attributeNames = new LinkedHashSet<>();
        if (configuration.getAttributeNames() != null) {
            attributeNames.addAll(split(configuration.getAttributeNames()));
        }
        if (fifo && !attributeNames.contains("All")) {
            attributeNames.addAll(FIFO_ATTRIBUTES);
        }
        if (!attributeNames.isEmpty()) {
            request.messageSystemAttributeNamesWithStrings(attributeNames);
        }
        if (configuration.getMessageAttributeNames() != null) {
            request.messageAttributeNames(split(configuration.getMessageAttributeNames()));
        }
        this.receiveRequest = request.build();
    }

    String url() {
        return url;
    }

    /** Messages one receive asks for. */
    int batchSize() {
        return receiveRequest.maxNumberOfMessages();
    }

    /** Tells {@code listener} of every batch a receive returns, before the receive returns it. */
    void onReceived(Consumer<List<Message>> listener) {
        this.receivedListener = listener;
    }

    List<Message> receive() {
        List<Message> messages = client.receiveMessage(receiveRequest).messages();
        if (!messages.isEmpty()) {
            receivedListener.accept(messages);
        }
        return messages;
    }

    /** The queue's ApproximateNumberOfMessages: messages visible now, not counting those in flight. */
    long approximateBacklog() {
        String count = client.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return count == null ? -1 : Long.parseLong(count);
    }

    /** Deletes up to ten messages; returns the receipt handles SQS did not delete, with the reason. */
    List<Refused> delete(List<String> receiptHandles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(receiptHandles.size());
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(receiptHandles.get(i)).build());
        }
        var response = client.deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        return refused(receiptHandles, response.failed());
    }

    /** Sets the visibility of up to ten messages; returns the receipt handles SQS refused, with the reason. */
    List<Refused> changeVisibility(List<String> receiptHandles, int seconds) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(receiptHandles.size());
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(receiptHandles.get(i)).visibilityTimeout(seconds).build());
        }
        var response = client.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(entries));
        return refused(receiptHandles, response.failed());
    }

    private static List<Refused> refused(List<String> receiptHandles, List<BatchResultErrorEntry> failed) {
        if (failed.isEmpty()) {
            return List.of();
        }
        List<Refused> refused = new ArrayList<>(failed.size());
        for (BatchResultErrorEntry entry : failed) {
            refused.add(new Refused(receiptHandles.get(Integer.parseInt(entry.id())), entry.code(),
                    Boolean.TRUE.equals(entry.senderFault())));
        }
        return refused;
    }

    private static List<String> split(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    /**
     * A batch entry SQS did not carry out. A sender fault (such as an expired receipt handle) will not succeed on a
     * retry; anything else may.
     */
    record Refused(String receiptHandle, String code, boolean senderFault) {
    }
}
