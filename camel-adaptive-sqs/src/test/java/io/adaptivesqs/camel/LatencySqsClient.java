package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Delegates to a real client and adds a round trip to every ReceiveMessage call, the way a distant SQS region
 * would. Local ElasticMQ answers in about a millisecond; real SQS takes 10 to 100.
 */
final class LatencySqsClient implements SqsClient {

    private final SqsClient delegate;
    private volatile long receiveLatencyMillis;
    private final AtomicLong receiveCalls = new AtomicLong();

    LatencySqsClient(SqsClient delegate, long receiveLatencyMillis) {
        this.delegate = delegate;
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

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        return delegate.deleteMessageBatch(request);
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest r) {
        return delegate.changeMessageVisibilityBatch(r);
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        return delegate.getQueueUrl(request);
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        return delegate.getQueueAttributes(request);
    }

    @Override
    public CreateQueueResponse createQueue(CreateQueueRequest request) {
        return delegate.createQueue(request);
    }

    @Override
    public SqsServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // the delegate belongs to the test
    }
}
