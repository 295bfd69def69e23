package io.adaptivesqs.camel;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Delegates to a real client and adds a round trip to every ReceiveMessage call, the way a distant SQS region
 * would. Local ElasticMQ answers in about a millisecond; real SQS takes 10 to 100. It can also answer with partial
 * batches although many messages wait, as real SQS does when it samples a subset of its servers: it then asks the
 * server for a random 1 to {@code largestBatch} messages, so nothing is received that the caller does not see.
 */
final class LatencySqsClient extends DelegatingSqsClient {

    private volatile long receiveLatencyMillis;
    private final AtomicLong receiveCalls = new AtomicLong();
    private volatile int largestBatch = 10;

    LatencySqsClient(SqsClient delegate, long receiveLatencyMillis) {
        super(delegate);
        this.receiveLatencyMillis = receiveLatencyMillis;
    }

    void receiveLatencyMillis(long millis) {
        this.receiveLatencyMillis = millis;
    }

    /** Answer each receive with a random 1 to {@code messages} messages, at most what was asked for. */
    LatencySqsClient partialBatches(int messages) {
        this.largestBatch = messages;
        return this;
    }

    long receiveCalls() {
        return receiveCalls.get();
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        receiveCalls.incrementAndGet();
        try {
            TimeUnit.MILLISECONDS.sleep(receiveLatencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int asked = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
        int answered = Math.min(asked, ThreadLocalRandom.current().nextInt(1, largestBatch + 1));
        return delegate.receiveMessage(request.toBuilder().maxNumberOfMessages(answered).build());
    }
}
