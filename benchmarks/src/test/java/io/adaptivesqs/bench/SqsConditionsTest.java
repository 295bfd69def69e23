package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsConditionsTest {

    private static final int DRAWS = 200_000;
    private static final long MEAN = 50_000_000L;

    @Test
    void idealConditionsChangeNothing() {
        SqsConditions ideal = SqsConditions.ideal();

        assertThat(ideal.rttNanos(MEAN)).isEqualTo(MEAN);
        assertThat(ideal.batchSize(10)).isEqualTo(10);
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> ideal.receiveFailure(i * 100_000_000L))).containsOnlyNulls();
    }

    @Test
    void roundTripsKeepTheMeanWithATailOfAboutThreeAndAHalfTimesIt() {
        SqsConditions realistic = SqsConditions.of(Mode.REALISTIC, 7);
        long[] drawn = IntStream.range(0, DRAWS).mapToLong(i -> realistic.rttNanos(MEAN)).sorted().toArray();

        double mean = Arrays.stream(drawn).average().orElseThrow();
        assertThat(mean / MEAN).isCloseTo(1.0, within(0.02));
        assertThat((double) drawn[DRAWS / 2] / MEAN).as("median").isCloseTo(0.82, within(0.03));
        assertThat((double) drawn[DRAWS * 99 / 100] / MEAN).as("p99").isBetween(3.2, 3.8);
        double sd = Math.sqrt(Arrays.stream(drawn).mapToDouble(d -> (d - mean) * (d - mean)).sum() / DRAWS);
        assertThat((mean + sd) / MEAN).as("slow: mean plus one sd")
                .isCloseTo(SqsConditions.rttSlowFactor(Mode.REALISTIC), within(0.03));
        assertThat(drawn[DRAWS - 1]).as("capped").isLessThanOrEqualTo((long) (SqsConditions.RTT_CAP * MEAN));
        assertThat(drawn[0]).isPositive();
    }

    @Test
    void batchesAreUniformFromOneToWhatWasAskedForWithAMeanOfAboutHalf() {
        SqsConditions realistic = SqsConditions.of(Mode.REALISTIC, 11);
        int[] count = new int[11];
        for (int i = 0; i < DRAWS; i++) {
            count[realistic.batchSize(10)]++;
        }

        assertThat(count[0]).as("never empty while a backlog waits").isZero();
        for (int size = 1; size <= 10; size++) {
            assertThat((double) count[size] / DRAWS).as("size %d", size).isCloseTo(0.1, within(0.005));
        }
        double mean = IntStream.rangeClosed(1, 10).mapToDouble(size -> size * (double) count[size]).sum() / DRAWS;
        assertThat(mean).isCloseTo(SqsConditions.meanBatch(Mode.REALISTIC), within(0.05));
        assertThat(IntStream.range(0, 1000).map(i -> realistic.batchSize(3))).allMatch(size -> size >= 1 && size <= 3);
        assertThat(realistic.batchSize(1)).isEqualTo(1);
    }

    @Test
    void aboutOneAndAHalfPercentOfReceivesFailInShortBurstsWithThrottlingOrUnavailability() {
        SqsConditions realistic = SqsConditions.of(Mode.REALISTIC, 3, 0);
        long step = 1_000_000L;
        int calls = 2_000_000;
        int failures = 0, throttling = 0, unavailable = 0, bursts = 0;
        boolean wasInBurst = false;
        for (int i = 0; i < calls; i++) {
            long now = i * step;
            boolean inBurst = realistic.inBurst(now);
            bursts += inBurst && !wasInBurst ? 1 : 0;
            wasInBurst = inBurst;
            SqsException failure = realistic.receiveFailure(now);
            if (failure == null) {
                continue;
            }
            assertThat(inBurst).as("failures only in a burst").isTrue();
            failures++;
            if (failure.statusCode() == 400) {
                assertThat(failure.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(RetryUtils.isThrottlingException(failure)).isTrue();
                throttling++;
            } else {
                assertThat(failure.statusCode()).isEqualTo(503);
                unavailable++;
            }
        }

        // 2,000 s of one receive a millisecond: a burst every 10.3 s, 0.3 s long, half its receives failing
        assertThat(bursts).isBetween(150, 240);
        assertThat((double) failures / calls).isBetween(0.010, 0.020);
        assertThat((double) unavailable / failures).isCloseTo(SqsConditions.SHARE_503, within(0.03));
        assertThat(throttling).isGreaterThan(unavailable);
    }

    @Test
    void burstsComeAtTheSameMomentsHoweverOftenAContenderCalls() {
        SqsConditions often = SqsConditions.of(Mode.REALISTIC, 8, 0);
        SqsConditions seldom = SqsConditions.of(Mode.REALISTIC, 8, 0);
        long second = 1_000_000_000L;
        for (long now = 0; now < 600 * second; now += second / 1000) {
            boolean oftenInBurst = often.inBurst(now);
            often.receiveFailure(now);
            if (now % (second / 10) == 0) {
                assertThat(seldom.inBurst(now)).as("at %d ns", now).isEqualTo(oftenInBurst);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        SqsConditions one = SqsConditions.of(Mode.REALISTIC, 42, 0);
        SqsConditions other = SqsConditions.of(Mode.REALISTIC, 42, 0);

        for (int i = 0; i < 1000; i++) {
            assertThat(one.rttNanos(MEAN)).isEqualTo(other.rttNanos(MEAN));
            assertThat(one.batchSize(10)).isEqualTo(other.batchSize(10));
            long now = i * 10_000_000L;
            assertThat(one.receiveFailure(now) == null).isEqualTo(other.receiveFailure(now) == null);
        }
    }
}
