package io.adaptivesqs.camel;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogProbeTest {

    private static final long INTERVAL_MILLIS = 5000;
    private static final int ROUND = 20;

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final PipelineMetrics metrics = new PipelineMetrics(clock::get);
    private final BacklogProbe probe = new BacklogProbe(new SqsQueue(new CountingClient(),
            "http://sqs/000000000000/q", new AdaptiveSqsConfiguration(), 30, false), metrics, INTERVAL_MILLIS,
            () -> ROUND);

    @Test
    void readsAtOnceThenEveryIntervalWhileTheCountIsNotOutrun() {
        count.set(500);
        probe.run();
        assertThat(reads).hasValue(1);
        assertThat(metrics.backlog()).isEqualTo(500);

        for (int second = 1; second < 5; second++) {
            advance(1000);
            receive(50);
            probe.run();
        }
        assertThat(reads).hasValue(1); // 200 received of 500: the count still holds

        advance(1000);
        probe.run();
        assertThat(reads).hasValue(2);
    }

    @Test
    void readsAgainASecondAfterThePollersOutranTheCount() {
        count.set(0);
        probe.run();
        receive(ROUND + 1); // a backlog builds behind a count of 0
        count.set(400);

        advance(400);
        probe.run();
        assertThat(reads).hasValue(1); // not within a second of the last read, give or take half a run's period

        advance(600);
        probe.run();
        assertThat(reads).hasValue(2);
        assertThat(metrics.backlog()).isEqualTo(400);
    }

    @Test
    void aFailedReadIsUnknownAndTriedAgainAtTheInterval() {
        count.set(-1); // the client throws
        probe.run();
        assertThat(metrics.backlog()).isEqualTo(-1);

        receive(1000);
        advance(1000);
        probe.run();
        assertThat(reads).hasValue(1);

        advance(4000);
        count.set(7);
        probe.run();
        assertThat(reads).hasValue(2);
        assertThat(metrics.backlog()).isEqualTo(7);
    }

    @Test
    void runsAsOftenAsTheShortestTimeBetweenReads() {
        assertThat(BacklogProbe.periodMillis(5000)).isEqualTo(1000);
        assertThat(BacklogProbe.periodMillis(1000)).isEqualTo(1000);
    }

    private void receive(int messages) {
        for (int left = messages; left > 0; left -= 10) {
            metrics.receiveReturned(Math.min(10, left), 10, TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private void advance(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Answers GetQueueAttributes with the test's count, or fails while it is negative; counts the calls. */
    private final class CountingClient implements SqsClient {

        @Override
        public GetQueueAttributesResponse getQueueAttributes(GetQueueAttributesRequest request) {
            reads.incrementAndGet();
            if (count.get() < 0) {
                throw new IllegalStateException("refused");
            }
            return GetQueueAttributesResponse.builder()
                    .attributes(Map.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, Long.toString(count.get())))
                    .build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }
}
