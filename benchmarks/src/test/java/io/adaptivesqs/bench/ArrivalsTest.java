package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void pacedSendsAreEvenlySpacedAtTheRate() {
        Arrivals paced = Arrivals.paced(40, 1);

        assertThat(LongStream.generate(paced::nextGapNanos).limit(100)).containsOnly(25_000_000L);
        assertThat(Arrivals.paced(720, 10).nextGapNanos()).isEqualTo(13_888_889L);
    }

    @Test
    void randomSendsKeepTheRateAndVaryAsAPoissonProcess() {
        Arrivals random = Arrivals.random(40, 1, 7);
        long[] gaps = LongStream.generate(random::nextGapNanos).limit(20_000).toArray();

        double mean = LongStream.of(gaps).average().orElseThrow();
        double variance = LongStream.of(gaps).mapToDouble(g -> (g - mean) * (g - mean)).sum() / gaps.length;
        assertThat(mean).as("mean gap").isCloseTo(25e6, within(0.5e6));
        // exponential gaps: the standard deviation equals the mean
        assertThat(Math.sqrt(variance) / mean).as("coefficient of variation").isCloseTo(1.0, within(0.03));
        // and a quarter of them are shorter than 7.2 ms: 1 - e^-(7.2/25) = 0.25
        double under = LongStream.of(gaps).filter(g -> g < 7_200_000L).count() / (double) gaps.length;
        assertThat(under).isCloseTo(0.25, within(0.02));
    }

    @Test
    void oneSeedIsOneSchedule() {
        long[] first = LongStream.generate(Arrivals.random(40, 1, 7)::nextGapNanos).limit(50).toArray();

        assertThat(LongStream.generate(Arrivals.random(40, 1, 7)::nextGapNanos).limit(50).toArray())
                .containsExactly(first);
        assertThat(LongStream.generate(Arrivals.random(40, 1, 8)::nextGapNanos).limit(50).toArray())
                .isNotEqualTo(first);
    }

    @Test
    void aRateMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> Arrivals.random(0, 1, 7))
                .withMessageContaining("messages per second > 0");
    }
}
