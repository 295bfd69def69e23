package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The standard queue's buffer: a batch goes in whole, and its poller waits until the buffer is within capacity. */
class BatchBufferTest {

    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static List<String> batch(int size) {
        return IntStream.range(0, size).mapToObj(i -> "m" + i).toList();
    }

    private static CompletableFuture<List<String>> handIn(BatchBuffer<String> buffer, List<String> batch,
                                                          AtomicBoolean stopped) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.handIn(batch, CHECK_NANOS, stopped::get);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void consumersTakeFromTheWholeBatchAndItsPollerGoesOnOnceTheBufferIsWithinCapacity() throws Exception {
        BatchBuffer<String> buffer = new BatchBuffer<>(3);
        AtomicInteger takesStarted = new AtomicInteger();
        AtomicInteger takesStartedWhenHandedIn = new AtomicInteger(-1);
        CompletableFuture<List<String>> handedIn = handIn(buffer, batch(10), new AtomicBoolean())
                .whenComplete((untaken, failure) -> takesStartedWhenHandedIn.set(takesStarted.get()));
        await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() == 10);
        // the seven beyond the capacity are still the poller's, as it reports the buffer
        assertThat(buffer.depth()).isEqualTo(3);

        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            takesStarted.incrementAndGet();
            taken.add(buffer.poll(10, TimeUnit.SECONDS));
        }

        assertThat(handedIn.get(10, TimeUnit.SECONDS)).isEmpty();
        // not before the seventh take: until then the buffer held more than its three
        assertThat(takesStartedWhenHandedIn.get()).isEqualTo(7);
        assertThat(taken).containsExactlyElementsOf(batch(7));
        assertThat(buffer).containsExactly("m7", "m8", "m9");
    }

    @Test
    void consumersWaitingOnAnEmptyBufferAllGetAMessageOfTheBatch() throws Exception {
        BatchBuffer<String> buffer = new BatchBuffer<>(1);
        List<CompletableFuture<String>> consumers = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return buffer.poll(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();

        CompletableFuture<List<String>> handedIn = handIn(buffer, batch(3), new AtomicBoolean());

        assertThat(handedIn.get(10, TimeUnit.SECONDS)).isEmpty();
        List<String> got = new ArrayList<>();
        for (CompletableFuture<String> consumer : consumers) {
            got.add(consumer.get(10, TimeUnit.SECONDS));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(batch(3));
        assertThat(buffer).isEmpty();
    }

    @Test
    void aStopTakesBackWhatNoConsumerTook() throws Exception {
        BatchBuffer<String> buffer = new BatchBuffer<>(2);
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<List<String>> handedIn = handIn(buffer, batch(5), stopped);
        await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() == 5);
        String taken = buffer.poll();

        stopped.set(true);

        assertThat(taken).isEqualTo("m0");
        assertThat(handedIn.get(10, TimeUnit.SECONDS)).containsExactly("m1", "m2", "m3", "m4");
        assertThat(buffer).isEmpty();
    }

    @Test
    void aSingleOfferWaitsForRoom() throws Exception {
        BatchBuffer<String> buffer = new BatchBuffer<>(1);

        assertThat(buffer.offer("a")).isTrue();
        assertThat(buffer.offer("b", 10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(buffer.poll()).isEqualTo("a");
        assertThat(buffer.offer("b", 10, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(buffer.remainingCapacity()).isZero();
    }
}
