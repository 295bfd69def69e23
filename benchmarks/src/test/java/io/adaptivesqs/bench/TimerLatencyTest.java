package io.adaptivesqs.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimerLatencyTest {

    @Test
    void theTypicalLatenessIsTheMedianSoThatAHostStallDoesNotShortenTheService() {
        assertThat(TimerLatency.typical(new long[] {170_000, 160_000, 3_200_000, 180_000, 150_000}))
                .isEqualTo(170_000);
    }

    @Test
    void aTimerThatWokeEarlyIsNoReasonToWaitLonger() {
        assertThat(TimerLatency.typical(new long[] {-20_000, -10_000, -5_000})).isZero();
        assertThat(TimerLatency.typical(new long[0])).isZero();
    }

    @Test
    void eachServiceTimeWakesEarlyByItsOwnLatenessAndAnUnmeasuredOneNotAtAll() {
        TimerLatency timer = TimerLatency.of(Map.of(10_000_000L, 160_000L, 1_000_000L, 75_000L));

        assertThat(timer.lateNanos(10_000_000L)).isEqualTo(160_000L);
        assertThat(timer.lateNanos(1_000_000L)).isEqualTo(75_000L);
        assertThat(timer.lateNanos(20_000_000L)).isZero();
        assertThat(TimerLatency.of(Map.of()).lateNanos(10_000_000L)).isZero();
    }

    @Test
    void noWaitEndsBeforeItStarts() {
        assertThat(TimerLatency.of(Map.of(100_000L, 300_000L)).lateNanos(100_000L)).isEqualTo(100_000L);
    }

    @Test
    void theRunMeasuresEveryServiceTimeItsScenariosAndTheWarmUpUse() {
        List<Double> times = BenchRun.serviceTimes(List.of(Scenarios.capacityStep(false, Mode.IDEAL)));

        assertThat(times).contains(10.0, 40.0).isSorted().doesNotHaveDuplicates();
        Scenarios.warmUp().phases().forEach(phase -> assertThat(times).contains(phase.serviceMillis()));
    }

    @Test
    void theReportGivesMicrosecondsByServiceMilliseconds() {
        assertThat(TimerLatency.of(Map.of(20_000_000L, 170_400L)).micros()).containsExactly(Map.entry(20.0, 170L));
    }
}
