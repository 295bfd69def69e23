package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FIFO buffer on its own: order and exclusivity per group, groups in parallel, the bound on waiting groups, and
 * what goes back to SQS when an exchange fails.
 */
class MessageGroupsTest {

    private final List<Message> handedBack = new CopyOnWriteArrayList<>();
    private final MessageGroups groups = new MessageGroups(2, 100, handedBack::addAll);

    private static Message message(String group, int sequence) {
        return message(group, sequence, "rh-");
    }

    /** The same message received again: SQS gives every receive a new receipt handle. */
    private static Message redelivered(String group, int sequence) {
        return message(group, sequence, "rh2-");
    }

    private static Message message(String group, int sequence, String handlePrefix) {
        return Message.builder().body(group + "-" + sequence).receiptHandle(handlePrefix + group + "-" + sequence)
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, group)).build();
    }

    /** A poller's receive and hand-over of a batch. */
    private List<Message> receiveAndOffer(Message... batch) throws InterruptedException {
        groups.received(List.of(batch));
        for (Message message : batch) {
            assertThat(groups.offer(message, 1, TimeUnit.SECONDS)).as("offered " + message.body()).isTrue();
        }
        return List.of(batch);
    }

    private String next() throws InterruptedException {
        Message message = groups.poll(0, TimeUnit.MILLISECONDS);
        return message == null ? null : message.body();
    }

    @Test
    void aGroupGoesOneMessageAtATimeInOrder() throws InterruptedException {
        receiveAndOffer(message("a", 1), message("a", 2), message("a", 3));

        assertThat(next()).isEqualTo("a-1");
        assertThat(next()).as("a-2 waits while a-1 is in the route").isNull();
        groups.finished("rh-a-1", true);
        assertThat(next()).isEqualTo("a-2");
        groups.finished("rh-a-2", true);
        assertThat(next()).isEqualTo("a-3");
        groups.finished("rh-a-3", true);

        assertThat(groups.size()).isZero();
        assertThat(groups.trackedGroups()).as("a finished group is forgotten").isZero();
    }

    @Test
    void aBusyGroupDoesNotHoldBackAnother() throws InterruptedException {
        receiveAndOffer(message("a", 1), message("a", 2), message("a", 3));
        receiveAndOffer(message("b", 1), message("b", 2));

        assertThat(next()).isEqualTo("a-1");
        assertThat(next()).as("a-2 and a-3 are behind a-1; b is free").isEqualTo("b-1");
        assertThat(next()).isNull();
        assertThat(groups.size()).isEqualTo(3);
    }

    @Test
    void aConsumerWaitingOnBusyGroupsWakesWhenTheirMessageFinishes() throws Exception {
        receiveAndOffer(message("a", 1), message("a", 2));
        assertThat(next()).isEqualTo("a-1");

        CompletableFuture<Message> waiting = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            try {
                waiting.complete(groups.poll(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                waiting.completeExceptionally(e);
            }
        });
        consumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
        groups.finished("rh-a-1", true);

        assertThat(waiting.get(30, TimeUnit.SECONDS).body()).isEqualTo("a-2");
        assertThat(groups.orderBoundNanos()).as("the wait behind a-1 counts as order-bound").isPositive();
    }

    @Test
    void onlyTheLastMessageOfAGroupWhileAConsumerWaitsReleasesTheGroup() throws Exception {
        receiveAndOffer(message("a", 1), message("a", 2));
        receiveAndOffer(message("b", 1));
        assertThat(next()).isEqualTo("a-1");
        assertThat(next()).isEqualTo("b-1");

        assertThat(groups.finished("rh-b-1", true)).as("nobody waits for work").isFalse();

        Thread consumer = waitingConsumer();
        assertThat(groups.finished("rh-a-1", true)).as("a-2 is still held").isFalse();
        consumer.join(10_000);
        assertThat(next()).isNull();
        Thread another = waitingConsumer();

        assertThat(groups.finished("rh-a-2", true)).as("a's last message, a consumer waits").isTrue();
        another.interrupt();
    }

    @Test
    void aFailedLastMessageReleasesNothing() throws Exception {
        receiveAndOffer(message("a", 1));
        assertThat(next()).isEqualTo("a-1");
        Thread consumer = waitingConsumer();

        assertThat(groups.finished("rh-a-1", false)).isFalse();
        consumer.interrupt();
    }

    /** A consumer thread waiting in poll for a message it may start; it takes one if one becomes startable. */
    private Thread waitingConsumer() {
        Thread consumer = new Thread(() -> {
            try {
                groups.poll(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
        return consumer;
    }

    @Test
    void aFailureHandsBackTheGroupsLaterMessagesAndLeavesOtherGroupsAlone() throws InterruptedException {
        receiveAndOffer(message("a", 1), message("a", 2), message("a", 3));
        receiveAndOffer(message("b", 1));
        assertThat(next()).isEqualTo("a-1");

        groups.finished("rh-a-1", false);

        assertThat(handedBack).extracting(Message::body).containsExactly("a-2", "a-3");
        assertThat(next()).isEqualTo("b-1");
        assertThat(next()).isNull();
        assertThat(groups.size()).isZero();
    }

    @Test
    void messagesReceivedBeforeAFailureButOfferedAfterItGoBackToo() throws InterruptedException {
        Message a2 = message("a", 2);
        Message a3 = message("a", 3);
        groups.received(List.of(message("a", 1), a2, a3));
        assertThat(groups.offer(message("a", 1), 0, TimeUnit.SECONDS)).isTrue();
        assertThat(next()).isEqualTo("a-1");

        groups.finished("rh-a-1", false);
        // the poller offers the rest of its batch only now
        assertThat(groups.offer(a2, 0, TimeUnit.SECONDS)).isTrue();
        assertThat(groups.offer(a3, 0, TimeUnit.SECONDS)).isTrue();

        assertThat(handedBack).extracting(Message::body).containsExactly("a-2", "a-3");
        assertThat(next()).as("nothing of a runs after its failed message").isNull();

        // SQS delivers the group again from the failed message: those are taken normally
        receiveAndOffer(redelivered("a", 1), redelivered("a", 2));
        assertThat(next()).isEqualTo("a-1");
        groups.finished("rh2-a-1", true);
        assertThat(next()).isEqualTo("a-2");
        assertThat(handedBack).hasSize(2);
    }

    @Test
    void aNewGroupWaitsForRoomWhileJoiningAGroupDoesNot() throws InterruptedException {
        receiveAndOffer(message("a", 1));
        receiveAndOffer(message("b", 1));

        assertThat(groups.offer(message("c", 1), 10, TimeUnit.MILLISECONDS))
                .as("two groups wait for a consumer already: a third waits for room").isFalse();
        assertThat(groups.offer(message("a", 2), 0, TimeUnit.MILLISECONDS))
                .as("a message of a waiting group adds no group").isTrue();

        assertThat(next()).isEqualTo("a-1");
        assertThat(groups.offer(message("c", 1), 0, TimeUnit.MILLISECONDS)).as("a started: room for c").isTrue();
        assertThat(groups.size()).isEqualTo(3);
    }

    @Test
    void theHardCapBoundsMessagesWhateverTheirGroups() throws InterruptedException {
        MessageGroups small = new MessageGroups(5, 3, handedBack::addAll);
        for (int i = 1; i <= 3; i++) {
            assertThat(small.offer(message("a", i), 0, TimeUnit.MILLISECONDS)).isTrue();
        }
        assertThat(small.offer(message("a", 4), 0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(small.remainingCapacity()).isZero();
    }

    @Test
    void drainingHandsOutEveryMessageAndRemoveTakesOneBack() throws InterruptedException {
        List<Message> a = receiveAndOffer(message("a", 1), message("a", 2));
        receiveAndOffer(message("b", 1));
        assertThat(groups.remove(a.get(1))).isTrue();
        assertThat(groups.remove(a.get(1))).isFalse();

        List<Message> drained = new ArrayList<>();
        assertThat(groups.drainTo(drained)).isEqualTo(2);

        assertThat(drained).extracting(Message::body).containsExactlyInAnyOrder("a-1", "b-1");
        assertThat(groups.size()).isZero();
        assertThat(next()).isNull();
        assertThat(groups.trackedGroups()).isZero();
    }

    @Test
    void anExchangeThatFinishesAfterADrainLetsItsGroupGoOn() throws InterruptedException {
        receiveAndOffer(message("a", 1), message("a", 2));
        assertThat(next()).isEqualTo("a-1");
        groups.drainTo(new ArrayList<>());

        groups.finished("rh-a-1", true);
        receiveAndOffer(redelivered("a", 2));

        assertThat(next()).isEqualTo("a-2");
    }
}
