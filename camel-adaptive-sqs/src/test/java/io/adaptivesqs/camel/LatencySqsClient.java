package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Delegates to a real client and adds a round trip to every ReceiveMessage call, the way a distant SQS region
 * would. Local ElasticMQ answers in about a millisecond; real SQS takes 10 to 100.
 */
final class LatencySqsClient extends DelegatingSqsClient {

    private volatile long receiveLatencyMillis;
    private final AtomicLong receiveCalls = new AtomicLong();

    LatencySqsClient(SqsClient delegate, long receiveLatencyMillis) {
        super(delegate);
        this.receiveLatencyMillis = receiveLatencyMillis;
    }

    void receiveLatencyMillis(long millis) {
        this.receiveLatencyMillis = millis;
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
        return delegate.receiveMessage(request);
    }
}
