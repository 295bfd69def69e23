package io.adaptivesqs.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The network between a consumer and SQS. Every call pays a round trip that can be changed while a trial runs (half
 * on the way out, half on the way back, so a long poll answered by an arriving message still costs half a round
 * trip); local ElasticMQ answers in about a millisecond, real SQS in 10 to 100. Under realistic {@link SqsConditions}
 * each round trip is drawn around that mean, a receive asks ElasticMQ for the drawn batch size only (so nothing is
 * received and hidden), and some receives fail with throttling. Every call is counted by operation, the receives,
 * deletes and releases by message, and the receives in flight over time, so a contender's cost and pollers are
 * measured the same way whatever the component counts itself.
 */
final class InstrumentedSqsClient implements SqsClient {

    private final SqsClient delegate;
    private final SqsConditions conditions;
    private final LongSupplier clock;
    private final ReceiveConcurrency inFlight = new ReceiveConcurrency(System.nanoTime());
    private volatile long receiveRttNanos;
    private volatile long otherRttNanos;

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder receiveCalls = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder nonEmptyReceives = new LongAdder();
    private final LongAdder nonEmptyReceiveNanos = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder receiveErrors = new LongAdder();

    InstrumentedSqsClient(SqsClient delegate) {
        this(delegate, SqsConditions.ideal());
    }

    InstrumentedSqsClient(SqsClient delegate, SqsConditions conditions) {
        this(delegate, conditions, System::nanoTime);
    }

    /** With the clock that places receives in the conditions' burst schedule (tests move it by hand). */
    InstrumentedSqsClient(SqsClient delegate, SqsConditions conditions, LongSupplier clock) {
        this.delegate = delegate;
        this.conditions = conditions;
        this.clock = clock;
    }

    /** Round trip added to every ReceiveMessage call from now on. */
    void receiveRttMillis(double millis) {
        this.receiveRttNanos = (long) (millis * 1e6);
    }

    /** Round trip added to every other call (delete, visibility, queue look-ups) from now on. */
    void otherRttMillis(double millis) {
        this.otherRttNanos = (long) (millis * 1e6);
    }

    CallCounts counts() {
        Map<String, Long> byOperation = new TreeMap<>();
        calls.forEach((operation, count) -> byOperation.put(operation, count.sum()));
        return new CallCounts(receiveCalls.sum(), emptyReceives.sum(), messagesReceived.sum(), nonEmptyReceives.sum(),
                nonEmptyReceiveNanos.sum(), released.sum(), deleted.sum(), receiveErrors.sum(), byOperation);
    }

    /** Receives in flight since the previous call: the pollers this consumer really ran. */
    ReceiveConcurrency.Interval receivesInFlight() {
        return inFlight.sample(System.nanoTime());
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        long start = System.nanoTime();
        inFlight.started(start);
        try {
            return receive(request, start);
        } finally {
            inFlight.finished(System.nanoTime());
        }
    }

    private ReceiveMessageResponse receive(ReceiveMessageRequest request, long start) {
        SqsException failure = conditions.receiveFailure(clock.getAsLong());
        if (failure != null) {
            call("ReceiveMessage", receiveRttNanos, () -> null);
            receiveErrors.increment();
            throw failure;
        }
        // SQS's default is one message
        int asked = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
        int size = conditions.batchSize(asked);
        ReceiveMessageRequest forwarded = size == asked ? request
                : request.toBuilder().maxNumberOfMessages(size).build();
        ReceiveMessageResponse response = call("ReceiveMessage", receiveRttNanos,
                () -> delegate.receiveMessage(forwarded));
        int messages = response.messages().size();
        receiveCalls.increment();
        messagesReceived.add(messages);
        if (messages == 0) {
            emptyReceives.increment();
        } else {
            nonEmptyReceives.increment();
            nonEmptyReceiveNanos.add(System.nanoTime() - start);
        }
        return response;
    }

    @Override
    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        DeleteMessageResponse response = call("DeleteMessage", otherRttNanos, () -> delegate.deleteMessage(request));
        deleted.increment();
        return response;
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        DeleteMessageBatchResponse response = call("DeleteMessageBatch", otherRttNanos,
                () -> delegate.deleteMessageBatch(request));
        deleted.add(response.successful().size());
        return response;
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        ChangeMessageVisibilityResponse response = call("ChangeMessageVisibility", otherRttNanos,
                () -> delegate.changeMessageVisibility(request));
        if (request.visibilityTimeout() != null && request.visibilityTimeout() == 0) {
            released.increment();
        }
        return response;
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(
            ChangeMessageVisibilityBatchRequest request) {
        ChangeMessageVisibilityBatchResponse response = call("ChangeMessageVisibilityBatch", otherRttNanos,
                () -> delegate.changeMessageVisibilityBatch(request));
        // a release that SQS refused still leaves the consumer's hands: the message reappears after its timeout
        released.add(request.entries().stream()
                .map(ChangeMessageVisibilityBatchRequestEntry::visibilityTimeout)
                .filter(timeout -> timeout != null && timeout == 0)
                .count());
        return response;
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        return call("GetQueueUrl", otherRttNanos, () -> delegate.getQueueUrl(request));
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        return call("GetQueueAttributes", otherRttNanos, () -> delegate.getQueueAttributes(request));
    }

    @Override
    public SetQueueAttributesResponse setQueueAttributes(SetQueueAttributesRequest request) {
        return call("SetQueueAttributes", otherRttNanos, () -> delegate.setQueueAttributes(request));
    }

    @Override
    public ListQueuesResponse listQueues(ListQueuesRequest request) {
        return call("ListQueues", otherRttNanos, () -> delegate.listQueues(request));
    }

    @Override
    public CreateQueueResponse createQueue(CreateQueueRequest request) {
        return call("CreateQueue", otherRttNanos, () -> delegate.createQueue(request));
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
        // the delegate is shared and closed by whoever built it
    }

    private <T> T call(String operation, long rttNanos, Supplier<T> request) {
        calls.computeIfAbsent(operation, o -> new LongAdder()).increment();
        long rtt = conditions.rttNanos(rttNanos);
        pause(rtt / 2);
        T response = request.get();
        pause(rtt - rtt / 2);
        return response;
    }

    private static void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            // a consumer being stopped: let it see the interrupt at its next blocking call
            Thread.currentThread().interrupt();
        }
    }
}
