package io.adaptivesqs.camel;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Delegates to a real client and, while on, makes a share of every call the component makes throw, each time one
 * of the ways a call can fail, picked at random from a seed: a transport error, SQS refusing with 400, 403, 500 or
 * 503, throttling, IllegalStateException, an unexpected RuntimeException, and (where a running pipeline makes the
 * call) an Error. A share of the transport errors come after the call reached SQS, its answer lost on the way back.
 */
final class ChaosSqsClient extends DelegatingSqsClient {

    enum Fault {
        TRANSPORT, TRANSPORT_AFTER_CALL, BAD_REQUEST, FORBIDDEN, INTERNAL_ERROR, UNAVAILABLE, THROTTLED, ILLEGAL_STATE,
        UNEXPECTED, ERROR
    }

    private final SplittableRandom random;
    private volatile double rate;
    private volatile double startRate;
    private final AtomicBoolean failNextStartCall = new AtomicBoolean();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();

    ChaosSqsClient(SqsClient delegate, long seed) {
        super(delegate);
        this.random = new SplittableRandom(seed);
    }

    /**
     * The share of calls that fail from now on: of the pipeline's calls, and of the two calls a start makes (queue
     * URL and attributes), which are few and so need a higher share to fail at all. 0 and 0 end the chaos.
     */
    void failRates(double rate, double startRate) {
        this.rate = rate;
        this.startRate = startRate;
    }

    /** Makes the next queue URL or attributes call fail, whatever the rate, so that every start meets a fault. */
    void failNextStartCall() {
        failNextStartCall.set(true);
    }

    long calls(String call) {
        LongAdder count = calls.get(call);
        return count == null ? 0 : count.sum();
    }

    long faults(String call) {
        return faults.entrySet().stream().filter(e -> e.getKey().startsWith(call + " "))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** "call fault" to how often it was injected, sorted. */
    Map<String, Long> faultCounts() {
        Map<String, Long> counts = new TreeMap<>();
        faults.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    private synchronized Fault nextFault(boolean pipelineCall) {
        boolean forced = !pipelineCall && failNextStartCall.compareAndSet(true, false);
        if (!forced && random.nextDouble() >= (pipelineCall ? rate : startRate)) {
            return null;
        }
        Fault[] all = Fault.values();
        return all[random.nextInt(pipelineCall ? all.length : all.length - 1)];
    }

    private <T> T call(String name, boolean pipelineCall, Supplier<T> real) {
        calls.computeIfAbsent(name, k -> new LongAdder()).increment();
        Fault fault = nextFault(pipelineCall);
        if (fault == null) {
            return real.get();
        }
        faults.computeIfAbsent(name + " " + fault, k -> new LongAdder()).increment();
        switch (fault) {
            case TRANSPORT_AFTER_CALL -> {
                real.get();
                throw SdkClientException.create("injected: read timed out after " + name);
            }
            case TRANSPORT -> throw SdkClientException.create("injected: Unable to execute HTTP request");
            case BAD_REQUEST -> throw sqsError(400, "InvalidParameterValue", "injected: bad request");
            case FORBIDDEN -> throw sqsError(403, "AccessDenied", "injected: access denied");
            case INTERNAL_ERROR -> throw sqsError(500, "InternalError", "injected: internal error");
            case UNAVAILABLE -> throw sqsError(503, "ServiceUnavailable", "injected: service unavailable");
            case THROTTLED -> throw sqsError(400, "ThrottlingException", "injected: rate exceeded");
            case ILLEGAL_STATE -> throw new IllegalStateException("injected: Connection pool shut down");
            case UNEXPECTED -> throw new UnsupportedOperationException("injected: a client wrapper's bug");
            case ERROR -> throw new AssertionError("injected: an Error from " + name);
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    private static SqsException sqsError(int status, String code, String message) {
        return (SqsException) SqsException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Sqs")
                        .build())
                .build();
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        return call("receive", true, () -> delegate.receiveMessage(request));
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        return call("delete", true, () -> delegate.deleteMessageBatch(request));
    }

    @Override
    public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest r) {
        return call("visibility", true, () -> delegate.changeMessageVisibilityBatch(r));
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        return call("queueUrl", false, () -> delegate.getQueueUrl(request));
    }

    @Override
    public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
        return call("queueAttributes", false, () -> delegate.getQueueAttributes(request));
    }
}
