package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The keeper against a scripted client: hand-backs and extensions of the same message do not cross, refused
 * extensions are reported, and extension batches go out side by side.
 */
class VisibilityKeeperTest {

    private static final int VISIBILITY_TIMEOUT = 30;

    private final ScriptedSqsClient client = new ScriptedSqsClient();
    private final ExecutorService senders = Executors.newFixedThreadPool(4);
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final SqsQueue queue =
            new SqsQueue(client, "http://sqs/000000000000/q", new AdaptiveSqsConfiguration(), VISIBILITY_TIMEOUT, false);
    private final VisibilityKeeper keeper = new VisibilityKeeper(queue, metrics, VISIBILITY_TIMEOUT, senders);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    /** Received long enough ago that every one of them is due for an extension. */
    private List<Message> heldAndDue(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.builder().messageId("m" + i).receiptHandle("h" + i).body("b" + i).build());
        }
        keeper.hold(messages, System.nanoTime() - TimeUnit.SECONDS.toNanos(VISIBILITY_TIMEOUT));
        return messages;
    }

    private static Message message(String receiptHandle) {
        return Message.builder().messageId("id-" + receiptHandle).receiptHandle(receiptHandle).body("b").build();
    }

    /**
     * SQS keeps a message invisible for 12 hours at most from the receive that returned it, and refuses an extension
     * past them. The last extension asks for what is left; none is tried after it, and the message stays held while
     * the route has it.
     */
    @Test
    void noExtensionAsksForMoreThanSqssTwelveHours() {
        AtomicLong clock = new AtomicLong(TimeUnit.DAYS.toNanos(3));
        VisibilityKeeper keeper = new VisibilityKeeper(queue, metrics, VISIBILITY_TIMEOUT, senders, clock::get);
        long twelveHours = TimeUnit.HOURS.toNanos(12);
        Map<String, Long> receivedAt = Map.of(
                "fresh", clock.get() - TimeUnit.SECONDS.toNanos(VISIBILITY_TIMEOUT),
                "old", clock.get() - twelveHours + TimeUnit.SECONDS.toNanos(100),
                "spent", clock.get() - twelveHours + TimeUnit.SECONDS.toNanos(30));
        receivedAt.forEach((handle, at) -> keeper.hold(List.of(message(handle)), at));
        List<String> beyondTheLimit = new CopyOnWriteArrayList<>();
        client.onChangeVisibility = request -> {
            request.entries().forEach(entry -> {
                long invisibleFor = clock.get() - receivedAt.get(entry.receiptHandle())
                                    + TimeUnit.SECONDS.toNanos(entry.visibilityTimeout());
                if (invisibleFor > twelveHours) {
                    beyondTheLimit.add(entry.receiptHandle());
                }
            });
            return ChangeMessageVisibilityBatchResponse.builder().build();
        };

        List<CapturedLog.Line> spentWarnings;
        List<CapturedLog.Line> lastExtensionWarnings;
        try (CapturedLog log = CapturedLog.capture()) {
            for (int i = 0; i < 4; i++) {
                keeper.extendDue();
                clock.addAndGet(TimeUnit.SECONDS.toNanos(20));
            }
            spentWarnings = log.find(Level.WARN, "have been invisible for SQS's limit of 12 hours");
            lastExtensionWarnings = log.find(Level.WARN, "are kept invisible for the last 20 s");
        }

        assertThat(beyondTheLimit).isEmpty();
        assertThat(client.visibilityChanges).filteredOn(change -> change.receiptHandle().equals("old"))
                .extracting(ScriptedSqsClient.VisibilityChange::seconds).containsExactly(VISIBILITY_TIMEOUT, 20);
        assertThat(client.visibilityChanges).filteredOn(change -> change.receiptHandle().equals("fresh"))
                .extracting(ScriptedSqsClient.VisibilityChange::seconds).containsOnly(VISIBILITY_TIMEOUT).hasSize(4);
        assertThat(client.visibilityChanges).noneMatch(change -> change.receiptHandle().equals("spent"));
        assertThat(keeper.held()).isEqualTo(3);
        assertThat(spentWarnings).hasSize(1);
        assertThat(lastExtensionWarnings).hasSize(1);
    }

    @Test
    void aHandBackDuringAnExtensionIsNotUndoneByIt() throws Exception {
        List<Message> messages = heldAndDue(3);
        CountDownLatch extensionUnderWay = new CountDownLatch(1);
        CountDownLatch extensionMayLand = new CountDownLatch(1);
        client.onChangeVisibility = request -> {
            if (request.entries().get(0).visibilityTimeout() > 0) {
                extensionUnderWay.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> extensionMayLand.getCount() == 0);
            }
            return ChangeMessageVisibilityBatchResponse.builder().build();
        };
        Thread extender = new Thread(keeper::extendDue);
        extender.start();
        assertThat(extensionUnderWay.await(10, TimeUnit.SECONDS)).isTrue();

        // a stop hands the messages back while their extension is on its way to SQS
        Thread stopper = new Thread(() -> keeper.release(messages));
        stopper.start();
        stopper.join(10_000);
        assertThat(stopper.isAlive()).as("release waits for nothing").isFalse();
        assertThat(keeper.held()).isZero();
        extensionMayLand.countDown();
        extender.join(10_000);

        // what SQS applied last is the hand-back: the messages are visible at once, not in 30 s
        for (Message message : messages) {
            assertThat(client.lastVisibility(message.receiptHandle())).as(message.receiptHandle()).isEqualTo(0);
        }
        assertThat(metrics.snapshot().released()).isEqualTo(3);
    }

    @Test
    void aForgottenMessageIsNotExtendedAnyMore() {
        heldAndDue(2);
        keeper.forget("h0");

        keeper.extendDue();

        assertThat(client.visibilityChanges).extracting(ScriptedSqsClient.VisibilityChange::receiptHandle)
                .containsExactly("h1");
        assertThat(keeper.held()).isEqualTo(1);
    }

    @Test
    void anExtensionSqsRefusesIsLoggedAsAWarningAndNoLongerTried() {
        heldAndDue(2);
        // what SQS answers once a message would stay invisible beyond 12 hours in all
        client.onChangeVisibility = request -> ChangeMessageVisibilityBatchResponse.builder()
                .failed(BatchResultErrorEntry.builder().id("0").code("InvalidParameterValue").senderFault(true)
                        .message("Total VisibilityTimeout for the message is beyond the limit [43200 seconds]")
                        .build())
                .build();

        try (CapturedLog log = CapturedLog.capture()) {
            keeper.extendDue();
            keeper.extendDue();

            assertThat(log.find(Level.WARN, "InvalidParameterValue")).hasSize(1)
                    .allSatisfy(line -> assertThat(line.message()).contains("may be delivered again"));
        }
        // the refused one is let go, the other is kept
        assertThat(keeper.held()).isEqualTo(1);
        assertThat(keeper.isFailing()).isTrue();
    }

    @Test
    void aFailingExtensionCallKeepsTheMessagesAndIsTriedAgain() {
        heldAndDue(2);
        client.onChangeVisibility = request -> {
            throw new IllegalStateException("Connection pool shut down");
        };

        keeper.extendDue();
        client.onChangeVisibility = request -> ChangeMessageVisibilityBatchResponse.builder().build();
        keeper.extendDue();

        assertThat(client.visibilityChanges).extracting(ScriptedSqsClient.VisibilityChange::receiptHandle)
                .containsExactlyInAnyOrder("h0", "h1");
        assertThat(keeper.held()).isEqualTo(2);
        assertThat(keeper.isFailing()).isFalse();
    }

    /**
     * With a visibility timeout of a second or two, tens of held messages and a round trip of 100 ms, five batches
     * sent one after another take half a second: longer than the margin an extension has. Side by side they take
     * one round trip.
     */
    @Test
    void extensionBatchesGoOutSideBySide() {
        heldAndDue(40);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        client.onChangeVisibility = request -> {
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            return ChangeMessageVisibilityBatchResponse.builder().build();
        };

        keeper.extendDue();

        assertThat(client.visibilityChanges).hasSize(40);
        assertThat(mostConcurrent.get()).isGreaterThan(1);
    }
}
