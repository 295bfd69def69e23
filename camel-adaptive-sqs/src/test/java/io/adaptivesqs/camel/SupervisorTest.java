package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The supervisor's wiring on a clock the test moves: which window each decision sees, when a step between ticks is
 * acted on, and when the batch a backlog brings is learned. The decisions themselves are {@link ScalingPolicyTest}'s.
 */
class SupervisorTest {

    private static final int CONSUMERS = 8;
    private static final int BATCH = 10;
    private static final long TICK_MILLIS = 250;
    private static final long WAITING = -1;
    private static final long UNKNOWN = -2;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final PipelineMetrics metrics = inExchangesFromTheStart(new PipelineMetrics(clock::get));
    private final FakePollers pollers = new FakePollers(2);
    private final Supervisor supervisor = new Supervisor("q", ScalingPolicy.builder().minPollers(2).maxPollers(20)
            .build(), metrics, pollers, () -> 0, () -> 0, () -> -1, CONSUMERS, BATCH, TICK_MILLIS);
    /** Per consumer, when its exchange under way began and ends (in millis after the start), or that it waits. */
    private final long[] beganAt = new long[CONSUMERS];
    private final long[] endsAt = new long[CONSUMERS];
    private long routeMillis;
    private int routeBusy;
    private long routeServiceMillis;

    SupervisorTest() {
        Arrays.fill(endsAt, UNKNOWN);
    }

    /**
     * Every consumer is in an exchange when the supervisor starts; how long each still takes, the first run of the
     * route says (see {@link #route}).
     */
    private static PipelineMetrics inExchangesFromTheStart(PipelineMetrics metrics) {
        for (int i = 0; i < CONSUMERS; i++) {
            metrics.exchangeStarted();
        }
        return metrics;
    }

    @Test
    void aStepBetweenTicksResizesAtOnce() {
        metrics.backlog(5000);
        starvingWindow(6, 50);
        at(50);

        // 8 / 5 ms = 1600/s over 120/s per poller: 13.3, so 14 pollers and the spare
        assertThat(pollers.resizes).containsExactly(15);
        assertThat(supervisor.lastReason()).startsWith("up: step");
    }

    @Test
    void aStepInServiceTimeIsJudgedByTheNewestExchangesNotTheWholeWindow() {
        metrics.backlog(5000);
        receives(10, BATCH);
        route(250, CONSUMERS, 40);
        at(250); // a tick at 40 ms an exchange: the round trip, 50 ms, sets a window of 100 ms
        pollers.resizes.clear();

        // the route becomes four times faster: the exchanges under way finish at 40 ms, the next ones take 10
        receives(2, BATCH);
        route(300, CONSUMERS, 10);
        at(300);
        receives(2, BATCH);
        route(350, 2, 10); // from 300 ms six consumers find the buffer empty and wait
        at(350);

        // 8 / 10 ms = 800/s over 200/s per poller: 4 pollers and the spare; the window's exchanges, slow ones
        // among them, would read about 300/s and ask for no step at all
        assertThat(supervisor.lastSignals().potentialConsumptionRate()).isCloseTo(800, withinPercentage(15));
        assertThat(pollers.resizes).singleElement().isIn(4, 5);
        assertThat(supervisor.lastReason()).startsWith("up: step");
    }

    @Test
    void aStepRightAfterATickThatKeptTheCountIsSeenAtTheNextCheck() {
        metrics.backlog(5000);
        steadyThroughTheFirstTick(10);
        assertThat(pollers.resizes).isEmpty();
        assertThat(supervisor.lastReason()).startsWith("hold: balanced");

        // right after the tick the route becomes twice as fast, and six consumers find the buffer empty as they end
        // the exchange under way
        receives(2, BATCH);
        route(300, 2, 5);
        at(300);

        // one check after the tick, the window reaches back across it: 1600/s over 200/s per poller, read from the
        // newest check, whose exchanges began at either speed
        assertThat(pollers.resizes).singleElement().isIn(7, 8, 9);
        assertThat(supervisor.lastReason()).startsWith("up: step");
    }

    @Test
    void aStepThatStarvesTheConsumersIsActedOnAtTheFirstCheckThatShowsIt() {
        metrics.backlog(5000);
        steadyThroughTheFirstTick(10);
        receives(2, BATCH);
        route(300, CONSUMERS, 10);
        at(300);
        assertThat(pollers.resizes).isEmpty();

        // halfway through the next check the route becomes five times faster, and six consumers find the buffer
        // empty as they end the exchange under way
        receives(2, BATCH);
        route(325, CONSUMERS, 10);
        route(350, 2, 2);
        at(350);

        // the window (250-350 ms) idles 1.2 of 8 consumers, under a quarter, and waits a check more; its newest check
        // idles twice as many, and its exchanges read about 6 ms: 1200/s over 200/s per poller
        assertThat(supervisor.lastReason()).startsWith("up: step").endsWith("; in the newest 50 ms");
        assertThat(supervisor.lastSignals().starvingConsumers()).isGreaterThan(2);
        assertThat(pollers.resizes).singleElement().isIn(7, 8);
    }

    @Test
    void consumersStarvingAsTheExchangesUnderWayEndAreNoStep() {
        metrics.backlog(5000);
        steadyThroughTheFirstTick(20);

        // a lull in supply: seven consumers end the exchange under way and wait, the route is as fast as before
        receives(2, BATCH);
        route(300, 1, 20);
        at(300);

        // counted against the exchanges that ended alone, the newest check reads 14 ms (570/s): a step to 4 pollers
        assertThat(pollers.resizes).isEmpty();
        assertThat(supervisor.lastReason()).startsWith("hold: balanced");
    }

    @Test
    void theBacklogBatchIsLearnedAtTheTickAfterTheReadThoughAStepRestartedTheTickAfterIt() {
        at(10);
        metrics.backlog(5000);
        starvingWindow(50);
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
        starvingWindow(1, 300);
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

        // five messages per slow round trip (the mean and the sample deviation of 20 receives), not per mean one
        assertThat(supervisor.supplyPerPoller()).isCloseTo(5 / (0.050 + 0.020 * Math.sqrt(20.0 / 19)), within(0.01));
        assertThat(supervisor.lastSignals().supplyPerPoller()).isNaN();
    }

    @Test
    void aTickWithoutAReturnedReceiveHolds() {
        at(250);

        assertThat(pollers.resizes).isEmpty();
        assertThat(supervisor.lastReason()).contains("no receive returned this tick");
    }

    /** Looks every check up to the first tick, the route at {@code serviceMillis} an exchange, every consumer busy. */
    private void steadyThroughTheFirstTick(long serviceMillis) {
        for (long millis = 50; millis <= TICK_MILLIS; millis += 50) {
            receives(2, BATCH);
            route(millis, CONSUMERS, serviceMillis);
            at(millis);
        }
    }

    /** Up to {@code millis}, six of eight consumers waiting, each exchange 5 ms, receives of 5 messages in 50 ms. */
    private void starvingWindow(long millis) {
        starvingWindow(5, millis);
    }

    /** The same with receives of {@code messagesPerReceive} messages, up to {@code millis}. */
    private void starvingWindow(int messagesPerReceive, long millis) {
        receives(4, messagesPerReceive);
        route(millis, 2, 5);
    }

    /**
     * Runs the route up to {@code millis}, a millisecond at a time: the first {@code busy} consumers go from one
     * exchange of {@code serviceMillis} to the next, the others end the one under way and wait on the empty buffer.
     * An exchange under way keeps the time it began with. The first exchanges, under way at the start, end one
     * after another within their first {@code serviceMillis}, as a route's consumers do: never all at once.
     */
    private void route(long millis, int busy, long serviceMillis) {
        routeBusy = busy;
        routeServiceMillis = serviceMillis;
        for (long now = routeMillis; now <= millis; now++) {
            clock.set(1_000_000_000L + TimeUnit.MILLISECONDS.toNanos(now));
            for (int i = 0; i < CONSUMERS; i++) {
                if (endsAt[i] == UNKNOWN) {
                    endsAt[i] = serviceMillis * (i + 1) / CONSUMERS;
                    beganAt[i] = endsAt[i] - serviceMillis;
                }
                if (endsAt[i] >= 0 && endsAt[i] <= now) {
                    metrics.exchangeDone(true, TimeUnit.MILLISECONDS.toNanos(now - beganAt[i]));
                    if (i < busy) {
                        begin(i, now, serviceMillis);
                    } else {
                        metrics.idleConsumers().enter();
                        endsAt[i] = WAITING;
                    }
                } else if (endsAt[i] == WAITING && i < busy) {
                    metrics.idleConsumers().leave();
                    begin(i, now, serviceMillis);
                }
            }
        }
        routeMillis = millis + 1;
    }

    private void begin(int consumer, long now, long serviceMillis) {
        metrics.exchangeStarted();
        beganAt[consumer] = now;
        endsAt[consumer] = now + serviceMillis;
    }

    private void receives(int count, int messages) {
        receives(count, messages, 50);
    }

    private void receives(int count, int messages, long rttMillis) {
        for (int i = 0; i < count; i++) {
            metrics.receiveReturned(messages, BATCH, TimeUnit.MILLISECONDS.toNanos(rttMillis));
        }
    }

    /**
     * Moves the clock to {@code millis} after the supervisor was built, the route running on as it last ran (if it
     * ran: else every consumer stays in its first exchange), and lets the supervisor look.
     */
    private void at(long millis) {
        if (routeServiceMillis > 0) {
            route(millis, routeBusy, routeServiceMillis);
        }
        routeMillis = Math.max(routeMillis, millis + 1);
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
