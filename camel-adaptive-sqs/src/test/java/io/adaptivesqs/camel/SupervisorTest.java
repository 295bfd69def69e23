package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The supervisor's wiring on a clock the test moves: which window each decision sees, when a step between ticks is
 * acted on, and when the batch a backlog brings is learned. The decisions themselves are {@link ScalingPolicyTest}'s.
 */
class SupervisorTest {

    private static final int CONSUMERS = 8;
    private static final int BATCH = 10;
    private static final long TICK_MILLIS = 250;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final PipelineMetrics metrics = new PipelineMetrics(clock::get);
    private final FakePollers pollers = new FakePollers(2);
    private final Supervisor supervisor = new Supervisor("q", ScalingPolicy.builder().minPollers(2).maxPollers(20)
            .build(), metrics, pollers, () -> 0, () -> 0, () -> -1, CONSUMERS, BATCH, TICK_MILLIS);

    SupervisorTest() {
        // every consumer is in an exchange from the start; each one that ends is followed by the next
        for (int i = 0; i < CONSUMERS; i++) {
            metrics.exchangeStarted();
        }
    }

    @Test
    void aStepBetweenTicksResizesAtOnce() {
        metrics.backlog(5000);
        starvingWindow();
        at(50);

        assertThat(pollers.resizes).containsExactly(17);
        assertThat(supervisor.lastReason()).startsWith("up: step");
    }

    @Test
    void aStepInServiceTimeIsJudgedByTheNewestExchangesNotTheWholeWindow() {
        metrics.backlog(5000);
        receives(10, BATCH);
        exchanges(40, 40);
        at(250); // a tick at 40 ms an exchange: the round trip, 50 ms, sets a window of 100 ms
        pollers.resizes.clear();

        // the route becomes four times faster: the exchanges under way finish at 40 ms, the next ones take 10
        receives(2, BATCH);
        exchanges(8, 40);
        at(300);
        receives(2, BATCH);
        exchanges(4, 10);
        consumersGoIdle(6, 10); // since 300 ms, and still waiting at the look
        at(350);

        // 8 / 10 ms = 800/s over 200/s per poller: 4 pollers and the spare, where the window's mean (23 ms) asks 3
        assertThat(pollers.resizes).containsExactly(5);
        assertThat(supervisor.lastReason()).startsWith("up: step");
    }

    @Test
    void aStepRightAfterATickThatKeptTheCountIsSeenTwoChecksLater() {
        metrics.backlog(5000);
        for (long millis = 50; millis <= 250; millis += 50) {
            // the route at 40 ms an exchange, carried by the two pollers
            receives(2, BATCH);
            exchanges(10, 40);
            at(millis);
        }
        assertThat(pollers.resizes).isEmpty();
        assertThat(supervisor.lastReason()).startsWith("hold: balanced");

        // right after the tick the route becomes eight times faster, and six consumers soon find the buffer empty
        receives(2, BATCH);
        exchanges(14, 5);
        consumersGoIdle(6, 5);
        at(300);

        // the window reaches back across the tick: 1600/s over 200/s per poller, and the spare
        assertThat(pollers.resizes).containsExactly(9);
        assertThat(supervisor.lastReason()).startsWith("up: step");
    }

    @Test
    void theBacklogBatchIsLearnedAtTheTickAfterTheReadThoughAStepRestartedTheTickAfterIt() {
        at(10);
        metrics.backlog(5000);
        starvingWindow();
        at(50); // the step: the next tick's window starts here, after the read
        receives(20, 5);

        at(300);

        assertThat(supervisor.backlogBatch()).isEqualTo(5.0);
    }

    @Test
    void aReadThatShowsNoBacklogTeachesNoBatch() {
        metrics.backlog(3);
        receives(20, 5);

        at(250);

        assertThat(supervisor.backlogBatch()).isNaN();
    }

    @Test
    void aCountThatFourWindowsLikeThisOneWouldTakeTeachesNoBatch() {
        // 100 messages taken in the tick: a count of 300 ran short while other consumers of the queue took theirs
        metrics.backlog(300);
        receives(20, 5);

        at(250);

        assertThat(supervisor.backlogBatch()).isNaN();
    }

    @Test
    void aCountThatOutlastsFourWindowsLikeThisOneTeachesTheBatch() {
        metrics.backlog(400);
        receives(20, 5);

        at(250);

        assertThat(supervisor.backlogBatch()).isEqualTo(5.0);
    }

    @Test
    void theEndOfASpikeUnderTheCountReadDuringItIsNoStep() {
        metrics.backlog(5000);
        receives(20, 5);
        at(250);
        assertThat(supervisor.backlogBatch()).isEqualTo(5.0);
        pollers.resizes.clear();

        // the queue ran out: consumers idle as before a step, but each receive brings one message
        starvingWindow(1);
        at(300);
        at(350); // two round trips since the tick: the first look that judges a window

        assertThat(pollers.resizes).isEmpty();
        assertThat(supervisor.lastReason()).doesNotStartWith("up: step");
    }

    @Test
    void theSupplyPerPollerIsWhatTheLastTickThatSawReceivesSizedWith() {
        metrics.backlog(5000);
        receives(10, 5, 30);
        receives(10, 5, 70);

        at(250);
        at(500); // a tick without receives keeps it

        // five messages per slow round trip (50 + 20 ms), not per mean one
        assertThat(supervisor.supplyPerPoller()).isCloseTo(5 / 0.070, within(0.01));
        assertThat(supervisor.lastSignals().supplyPerPoller()).isNaN();
    }

    @Test
    void aTickWithoutAReturnedReceiveHolds() {
        at(250);

        assertThat(pollers.resizes).isEmpty();
        assertThat(supervisor.lastReason()).contains("no receive returned this tick");
    }

    /** Six of eight consumers waiting from now on, each exchange 5 ms, receives of 5 messages in 50 ms. */
    private void starvingWindow() {
        starvingWindow(5);
    }

    /** The same with receives of {@code messagesPerReceive} messages. */
    private void starvingWindow(int messagesPerReceive) {
        receives(4, messagesPerReceive);
        exchanges(14, 5);
        consumersGoIdle(6, 5);
    }

    /** {@code count} exchanges of {@code millis} end, each consumer going on with the next. */
    private void exchanges(int count, long millis) {
        for (int i = 0; i < count; i++) {
            metrics.exchangeDone(true, TimeUnit.MILLISECONDS.toNanos(millis));
            metrics.exchangeStarted();
        }
    }

    /** {@code count} exchanges of {@code millis} end, and their consumers find the buffer empty and wait on. */
    private void consumersGoIdle(int count, long millis) {
        for (int i = 0; i < count; i++) {
            metrics.exchangeDone(true, TimeUnit.MILLISECONDS.toNanos(millis));
            metrics.idleConsumers().enter();
        }
    }

    private void receives(int count, int messages) {
        receives(count, messages, 50);
    }

    private void receives(int count, int messages, long rttMillis) {
        for (int i = 0; i < count; i++) {
            metrics.receiveReturned(messages, BATCH, TimeUnit.MILLISECONDS.toNanos(rttMillis));
        }
    }

    /** Moves the clock to {@code millis} after the supervisor was built and lets it look. */
    private void at(long millis) {
        clock.set(1_000_000_000L + TimeUnit.MILLISECONDS.toNanos(millis));
        supervisor.run();
    }

    private static final class FakePollers implements Supervisor.Pollers {

        final List<Integer> resizes = new ArrayList<>();
        private int count;

        FakePollers(int count) {
            this.count = count;
        }

        @Override
        public int active() {
            return count;
        }

        @Override
        public int target() {
            return count;
        }

        @Override
        public void resize(int count) {
            resizes.add(count);
            this.count = count;
        }

        @Override
        public int waitingLongerThan(long nanos) {
            return 0;
        }
    }
}
