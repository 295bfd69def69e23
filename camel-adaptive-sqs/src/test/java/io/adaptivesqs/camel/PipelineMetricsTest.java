package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineMetricsTest {

    private static final int BATCH = 10;

    private final PipelineMetrics metrics = new PipelineMetrics();

    PipelineMetricsTest() {
        metrics.longPollNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aLongPollThatBroughtOneMessageOfATrickleWaitedAndIsNoRoundTrip() {
        metrics.receiveReturned(1, BATCH, millis(180));

        PipelineMetrics.Snapshot totals = metrics.snapshot();
        assertThat(totals.waitedReceives()).isEqualTo(1);
        assertThat(totals.answeredReceives()).isZero();
    }

    @Test
    void aSlowReceiveThatBroughtHalfABatchOrMoreIsASlowRoundTrip() {
        metrics.receiveReturned(5, BATCH, millis(180));
        metrics.receiveReturned(10, BATCH, millis(120));

        PipelineMetrics.Snapshot totals = metrics.snapshot();
        assertThat(totals.waitedReceives()).isZero();
        assertThat(totals.answeredReceives()).isEqualTo(2);
        assertThat(totals.answeredReceiveNanos()).isEqualTo(millis(300));
    }

    @Test
    void aQuickPartialBatchNeitherWaitedNorMeasuresTheRoundTrip() {
        metrics.receiveReturned(2, BATCH, millis(30));

        PipelineMetrics.Snapshot totals = metrics.snapshot();
        assertThat(totals.receiveCalls()).isEqualTo(1);
        assertThat(totals.received()).isEqualTo(2);
        assertThat(totals.waitedReceives()).isZero();
        assertThat(totals.answeredReceives()).isZero();
    }

    @Test
    void anEmptyLongPollWaited() {
        metrics.receiveReturned(0, BATCH, millis(2000));

        PipelineMetrics.Snapshot totals = metrics.snapshot();
        assertThat(totals.emptyReceives()).isEqualTo(1);
        assertThat(totals.waitedReceives()).isEqualTo(1);
        assertThat(totals.answeredReceives()).isZero();
    }

    @Test
    void withBatchesOfOneEveryMessageIsAWholeBatch() {
        metrics.receiveReturned(1, 1, millis(180));

        assertThat(metrics.snapshot().answeredReceives()).isEqualTo(1);
    }

    @Test
    void aCountIsOutrunOnceMoreThanItHeldAndARoundOfBatchesWasReceivedSinceTheRead() {
        assertThat(metrics.backlogOutrun(20)).isFalse(); // never read
        metrics.receiveReturned(10, BATCH, millis(50)); // before the read: already out of the count

        metrics.backlog(30);
        for (int i = 0; i < 5; i++) {
            metrics.receiveReturned(10, BATCH, millis(50));
        }
        assertThat(metrics.backlogOutrun(20)).isFalse(); // 50 received, not more than 30 + 20

        metrics.receiveReturned(1, BATCH, millis(50));
        assertThat(metrics.backlogOutrun(20)).isTrue();

        metrics.backlog(-1);
        assertThat(metrics.backlogOutrun(20)).isFalse(); // unknown: read again at the interval
    }

    @Test
    void consumersStillWaitingCountAsIdleUpToTheSnapshot() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        PipelineMetrics timed = new PipelineMetrics(clock::get);
        PipelineMetrics.Snapshot before = timed.snapshot();

        // a step: three consumers find the buffer empty, and none of their waits has ended at the next look
        for (int i = 0; i < 3; i++) {
            timed.idleConsumers().enter();
        }
        clock.addAndGet(millis(40));

        assertThat(timed.snapshot().minus(before).idleConsumerNanos()).isEqualTo(millis(3 * 40));
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
