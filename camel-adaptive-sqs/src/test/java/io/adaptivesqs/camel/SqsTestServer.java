package io.adaptivesqs.camel;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A real SQS server for integration tests, with the few queue chores the tests share.
 */
interface SqsTestServer extends AutoCloseable {

    SqsClient client();

    URI endpoint();

    default String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return client().createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** Sends messages whose bodies are "name-0" ... "name-(count-1)", ten per call. */
    default List<String> sendNumbered(String queueUrl, String prefix, int count) {
        List<String> bodies = new ArrayList<>(count);
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = prefix + "-" + i;
            bodies.add(body);
            batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body).build());
            if (batch.size() == 10 || i == count - 1) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                var response = client().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                if (!response.failed().isEmpty()) {
                    throw new IllegalStateException("Could not send test messages: " + response.failed());
                }
                batch.clear();
            }
        }
        return bodies;
    }

    /** Messages visible now, and messages received but not yet deleted (in flight). */
    default int[] visibleAndInFlight(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return new int[] {
                Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) };
    }

    @Override
    void close();
}
