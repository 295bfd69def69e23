package io.adaptivesqs.camel;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Ticks recorded in {@link AdaptiveSqsFaultsIT}'s injected-errors run, where a fifth of the receives failed and the
 * route (4 consumers at ~10 ms, ~400/s) was the bottleneck while one poller could bring ~1000/s. A poller that
 * failed backs off, so consumers wait on an empty buffer for a while: that idleness comes from the errors, not from
 * too few pollers, and must not add pollers (more receives against a throttling SQS make it worse).
 */
class ScalingPolicyUnderErrorsTest {

    private final ScalingPolicy policy = ScalingPolicy.builder().minPollers(1).maxPollers(8).scaleDownTicks(3).build();

    static Stream<Arguments> ticksWithSomeReceivesFailing() {
        return Stream.of(
                // "pollers 1/1, consumers idle 1.0/4, pollers blocked 0.0, receives 4 (0 empty, 2 failed) carrying 40,
                //  rtt 14.2 ms, service 10.7 ms" -> the component went 1 -> 2
                arguments("1 poller, 2 of 6 receives failed, 1 of 4 consumers idle",
                        new Signals(1, 1, 4, 10, 4, 0, 0, 2, 40, 14.2, 10.7, 1.0, 0.0, 0, 3.0, 0, -1)),
                // "pollers 2/2, consumers idle 0.5/4, pollers blocked 0.0, receives 11 (0 empty, 3 failed) carrying
                //  110, rtt 9.5 ms, service 11.3 ms" -> the component went 2 -> 3
                arguments("2 pollers, 3 of 14 receives failed, half a consumer idle",
                        new Signals(2, 2, 4, 10, 11, 0, 0, 3, 110, 9.5, 11.3, 0.5, 0.0, 0, 3.5, 0, -1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ticksWithSomeReceivesFailing")
    void idleConsumersDuringReceiveErrorsAddNoPoller(String description, Signals signals) {
        ScalingDecision decision = policy.decide(signals, ScalingDecision.Memory.NONE);

        assertThat(decision.targetPollers()).as(decision.reason()).isLessThanOrEqualTo(signals.currentTarget());
    }
}
