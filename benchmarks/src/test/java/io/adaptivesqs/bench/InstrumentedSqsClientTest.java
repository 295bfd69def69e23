package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

class InstrumentedSqsClientTest {

    /**
     * Answers receives from a script, never with more than asked for, as SQS; accepts everything else. No network,
     * no latency.
     */
    static final class ScriptedSqs implements SqsClient {
        final Deque<Integer> batches = new ArrayDeque<>();
        final java.util.List<Integer> asked = new java.util.ArrayList<>();

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            int max = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
            asked.add(max);
            int count = Math.min(max, batches.isEmpty() ? 0 : batches.poll());
            List<Message> messages = java.util.stream.IntStream.range(0, count)
                    .mapToObj(i -> Message.builder().messageId("m" + i).receiptHandle("r" + i).build()).toList();
            return ReceiveMessageResponse.builder().messages(messages).build();
        }

        @Override
        public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
            return DeleteMessageResponse.builder().build();
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            // the last entry is refused, as SQS does with an expired receipt handle
            List<DeleteMessageBatchRequestEntry> entries = request.entries();
            return DeleteMessageBatchResponse.builder()
                    .successful(entries.subList(0, entries.size() - 1).stream()
                            .map(e -> DeleteMessageBatchResultEntry.builder().id(e.id()).build()).toList())
                    .failed(BatchResultErrorEntry.builder().id(entries.get(entries.size() - 1).id())
                            .code("ReceiptHandleIsInvalid").senderFault(true).build())
                    .build();
        }

        @Override
        public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
            return ChangeMessageVisibilityResponse.builder().build();
        }

        @Override
        public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(
                ChangeMessageVisibilityBatchRequest request) {
            return ChangeMessageVisibilityBatchResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    private final ScriptedSqs sqs = new ScriptedSqs();
    private final InstrumentedSqsClient client = new InstrumentedSqsClient(sqs);

    @Test
    void countsReceivesByOutcomeAndMessages() {
        sqs.batches.addAll(List.of(10, 0, 3, 0));
        for (int i = 0; i < 4; i++) {
            client.receiveMessage(ReceiveMessageRequest.builder().queueUrl("q").maxNumberOfMessages(10).build());
        }

        CallCounts counts = client.counts();
        assertThat(counts.receiveCalls()).isEqualTo(4);
        assertThat(counts.emptyReceives()).isEqualTo(2);
        assertThat(counts.nonEmptyReceives()).isEqualTo(2);
        assertThat(counts.messagesReceived()).isEqualTo(13);
        assertThat(counts.nonEmptyReceiveNanos()).isPositive();
        assertThat(counts.callsByOperation()).containsEntry("ReceiveMessage", 4L);
    }

    @Test
    void countsDeletedMessagesSinglyAndInBatchesOnlyWhenSqsDeletedThem() {
        client.deleteMessage(DeleteMessageRequest.builder().queueUrl("q").receiptHandle("r").build());
        client.deleteMessageBatch(b -> b.queueUrl("q").entries(
                DeleteMessageBatchRequestEntry.builder().id("0").receiptHandle("a").build(),
                DeleteMessageBatchRequestEntry.builder().id("1").receiptHandle("b").build(),
                DeleteMessageBatchRequestEntry.builder().id("2").receiptHandle("c").build()));

        CallCounts counts = client.counts();
        assertThat(counts.deletedMessages()).isEqualTo(1 + 2);
        assertThat(counts.callsByOperation()).containsEntry("DeleteMessage", 1L)
                .containsEntry("DeleteMessageBatch", 1L);
    }

    @Test
    void aVisibilityOfZeroIsARelease() {
        client.changeMessageVisibility(ChangeMessageVisibilityRequest.builder().receiptHandle("a")
                .visibilityTimeout(0).build());
        client.changeMessageVisibility(ChangeMessageVisibilityRequest.builder().receiptHandle("b")
                .visibilityTimeout(30).build());
        client.changeMessageVisibilityBatch(b -> b.queueUrl("q").entries(
                ChangeMessageVisibilityBatchRequestEntry.builder().id("0").receiptHandle("c").visibilityTimeout(0)
                        .build(),
                ChangeMessageVisibilityBatchRequestEntry.builder().id("1").receiptHandle("d").visibilityTimeout(60)
                        .build()));

        CallCounts counts = client.counts();
        assertThat(counts.releasedMessages()).isEqualTo(2);
        assertThat(counts.callsByOperation()).containsEntry("ChangeMessageVisibility", 2L)
                .containsEntry("ChangeMessageVisibilityBatch", 1L);
    }

    @Test
    void theInjectedRoundTripIsPartOfTheMeasuredOne() {
        client.receiveRttMillis(20);
        sqs.batches.add(1);

        client.receiveMessage(ReceiveMessageRequest.builder().queueUrl("q").build());

        // a lower bound only: sleeping never takes less than asked
        assertThat(client.counts().nonEmptyReceiveNanos()).isGreaterThanOrEqualTo(20_000_000L);
    }

    @Test
    void realisticReceivesAskSqsForTheDrawnPartOfABatchOnly() {
        // one receive every 50 ms on the burst schedule's clock: 2000 receives span 100 s, about ten bursts
        AtomicLong clock = new AtomicLong();
        InstrumentedSqsClient realistic = new InstrumentedSqsClient(sqs, SqsConditions.of(Mode.REALISTIC, 5, 0),
                () -> clock.addAndGet(50_000_000L));
        int receives = 2000;
        for (int i = 0; i < receives; i++) {
            sqs.batches.add(10);
            try {
                realistic.receiveMessage(ReceiveMessageRequest.builder().queueUrl("q").maxNumberOfMessages(10).build());
            } catch (SqsException throttled) {
                sqs.batches.clear();
            }
        }

        CallCounts counts = realistic.counts();
        assertThat(sqs.asked).as("what reached SQS").allMatch(n -> n >= 1 && n <= 10).contains(1, 10);
        assertThat(counts.messagesReceived()).as("every message asked for was delivered, none hidden")
                .isEqualTo(sqs.asked.stream().mapToInt(Integer::intValue).sum());
        assertThat((double) counts.messagesReceived() / counts.receiveCalls()).isBetween(5.0, 6.0);
        assertThat(counts.emptyReceives()).isZero();
        assertThat(counts.receiveErrors()).as("throttled receives").isPositive()
                .isEqualTo(receives - counts.receiveCalls()).isEqualTo(receives - sqs.asked.size());
        assertThat(counts.callsByOperation()).containsEntry("ReceiveMessage", (long) receives);
    }

    @Test
    void aThrottledReceiveFailsWithTheSdkExceptionAndNeverReachesSqs() {
        AtomicLong clock = new AtomicLong();
        InstrumentedSqsClient realistic = new InstrumentedSqsClient(sqs, SqsConditions.of(Mode.REALISTIC, 9, 0),
                () -> clock.addAndGet(10_000_000L));
        SqsException failure = null;
        // an hour of the schedule's time, where bursts come every 10 s on average
        for (int i = 0; i < 360_000 && failure == null; i++) {
            try {
                realistic.receiveMessage(ReceiveMessageRequest.builder().queueUrl("q").maxNumberOfMessages(10).build());
            } catch (SqsException e) {
                failure = e;
            }
        }

        assertThat(failure).isNotNull();
        assertThat(failure.statusCode()).isIn(400, 503);
        assertThat(sqs.asked).hasSize((int) realistic.counts().receiveCalls());
    }

    @Test
    void receivesInFlightAreCountedWhileTheyWait() throws Exception {
        client.receiveRttMillis(200);
        client.receivesInFlight();
        Thread receiver = new Thread(() -> client.receiveMessage(ReceiveMessageRequest.builder().queueUrl("q").build()));
        receiver.start();
        receiver.join();

        ReceiveConcurrency.Interval interval = client.receivesInFlight();
        assertThat(interval.max()).isEqualTo(1);
        assertThat(interval.mean()).isPositive().isLessThanOrEqualTo(1.0);
    }
}
