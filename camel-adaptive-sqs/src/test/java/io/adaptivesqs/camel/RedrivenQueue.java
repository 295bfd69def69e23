package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue with a dead-letter queue behind it: after {@code maxReceiveCount} receives, SQS moves a message to the DLQ.
 */
record RedrivenQueue(String name, String url, String deadLetterUrl) {

    static RedrivenQueue create(SqsTestServer server, String name, int visibilityTimeoutSeconds, int maxReceiveCount) {
        String deadLetterUrl = server.createQueue(name + "-dlq", Map.of());
        String deadLetterArn = server.client().getQueueAttributes(b -> b.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrivePolicy = "{\"maxReceiveCount\":\"" + maxReceiveCount + "\",\"deadLetterTargetArn\":\""
                               + deadLetterArn + "\"}";
        String url = server.createQueue(name, Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
        return new RedrivenQueue(name, url, deadLetterUrl);
    }

    /** Receives and deletes everything in the dead-letter queue; returns the bodies. */
    List<String> drainDeadLetters(SqsClient client) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = client.receiveMessage(b -> b.queueUrl(deadLetterUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                bodies.add(messages.get(i).body());
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receiptHandle()).build());
            }
            client.deleteMessageBatch(b -> b.queueUrl(deadLetterUrl).entries(entries));
        }
    }
}
