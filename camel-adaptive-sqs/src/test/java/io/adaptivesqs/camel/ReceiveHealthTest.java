package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the log says about receive failures of several pollers, on a clock the test moves: a streak across all
 * pollers starts with one WARN and recovers with one INFO, sporadic failures are counted once a minute instead of a
 * line pair each, and one poller's success amid the failures of others does not end the streak.
 */
class ReceiveHealthTest {

    private static final String STARTED = "failed, backing off";
    private static final String RECOVERED = "recovered after";
    private static final String KEEPS_FAILING = "keeps failing";
    private static final String STEADY = "is steady again";
    private static final Exception REFUSED = SdkClientException.create("Connection refused");

    private long nanos = 1_000_000_000L;
    private final ReceiveHealth health = new ReceiveHealth("adaptive-sqs:orders", () -> nanos);
    private CapturedLog log;

    @BeforeEach
    void captureLog() {
        log = CapturedLog.capture();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private void at(double seconds) {
        long target = 1_000_000_000L + (long) (seconds * 1e9);
        assertThat(target).as("the clock only moves forward").isGreaterThanOrEqualTo(nanos);
        nanos = target;
    }

    private void fail(double atSeconds) {
        at(atSeconds);
        health.failed(REFUSED, 100);
    }

    private void succeed(double atSeconds) {
        at(atSeconds);
        health.succeeded(0);
    }

    private List<CapturedLog.Line> lines() {
        return log.lines().stream().filter(line -> line.logger().equals(ReceiveHealth.class.getName())).toList();
    }

    @Test
    void anOutageOfFourPollersLogsOneWarnAndOneInfo() {
        // four pollers fail every 0.5 s for 3 s
        for (double t = 0; t <= 3.0; t += 0.5) {
            for (int poller = 0; poller < 4; poller++) {
                fail(t + poller * 0.01);
            }
        }
        assertThat(health.isFailing()).isTrue();
        // back: every poller receives, every 0.1 s, for two minutes
        for (double t = 3.1; t < 123; t += 0.1) {
            succeed(t);
        }

        assertThat(health.isFailing()).isFalse();
        assertThat(lines()).extracting(CapturedLog.Line::level, CapturedLog.Line::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.WARN, "Receiving from adaptive-sqs:orders failed, backing "
                        + "off (first pause 100 ms); further failures are counted every 60 s until receives succeed "
                        + "again: SdkClientException: Connection refused"),
                org.assertj.core.groups.Tuple.tuple(Level.INFO,
                        "Receiving from adaptive-sqs:orders recovered after 28 failed receives in 3.0 s"));
    }

    @Test
    void sporadicFailuresOfSeveralPollersAreCountedOncePerMinute() {
        // five minutes of receives every 0.1 s spread over the pollers; every 20th fails
        for (int tenths = 0; tenths < 3000; tenths++) {
            if (tenths % 20 == 0) {
                fail(tenths / 10.0);
            } else {
                succeed(tenths / 10.0);
            }
        }
        for (int tenths = 3000; tenths < 4000; tenths++) {
            succeed(tenths / 10.0);
        }

        assertThat(log.find(Level.WARN, STARTED)).hasSize(1);
        assertThat(log.find(Level.WARN, KEEPS_FAILING)).as("one count per minute of failures").hasSize(4)
                .allSatisfy(line -> assertThat(line.message()).containsPattern(
                        "keeps failing: 30 of 600 receives failed in the last 60\\.0 s; last error: "
                        + "SdkClientException: Connection refused"));
        assertThat(log.find(Level.INFO, RECOVERED)).hasSize(1).allSatisfy(line -> assertThat(line.message())
                .endsWith("recovered after 150 failed receives in 298.0 s"));
        assertThat(lines()).hasSize(6);
    }

    @Test
    void oneSuccessAmidTheFailuresOfOtherPollersDoesNotEndTheStreak() {
        // three pollers keep failing; a fourth gets through now and then
        for (double t = 0; t < 20; t += 1) {
            fail(t);
            fail(t + 0.1);
            fail(t + 0.2);
            succeed(t + 0.5);
        }
        assertThat(lines()).extracting(CapturedLog.Line::message).singleElement().asString().contains(STARTED);

        succeed(20.3);
        succeed(24.3);

        assertThat(log.find(Level.WARN, STARTED)).hasSize(1);
        assertThat(log.find(Level.INFO, RECOVERED)).singleElement()
                .satisfies(line -> assertThat(line.message()).endsWith("after 60 failed receives in 19.2 s"));
    }

    @Test
    void failuresBackWithinAMinuteOfTheRecoveryStartNoNewStreak() {
        fail(0);
        fail(1);
        succeed(6);
        fail(30);
        fail(45);
        succeed(46);
        succeed(52);
        succeed(104);
        // a minute without failures ends the streak, and the next failure starts a new one
        succeed(106);
        fail(200);

        assertThat(lines()).extracting(CapturedLog.Line::level, CapturedLog.Line::message)
                .map(tuple -> tuple.toList().get(0) + " " + tuple.toList().get(1))
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("WARN ").contains(STARTED),
                        line -> assertThat(line).isEqualTo("INFO Receiving from adaptive-sqs:orders recovered after 2 "
                                                           + "failed receives in 1.0 s"),
                        line -> assertThat(line).isEqualTo("INFO Receiving from adaptive-sqs:orders is steady again: "
                                                           + "2 of 6 receives failed in the last 100.0 s, none in the last 61.0 s"),
                        line -> assertThat(line).startsWith("WARN ").contains(STARTED));
    }

    @Test
    void aLongOutageIsCountedOncePerMinuteAndNeverEndsWithoutASuccess() {
        // one poller backing off to 90 s between attempts: still the same outage
        fail(0);
        fail(90);
        fail(180);
        succeed(181);
        succeed(186);

        assertThat(log.find(Level.WARN, STARTED)).hasSize(1);
        assertThat(log.find(Level.WARN, KEEPS_FAILING)).extracting(CapturedLog.Line::message).containsExactly(
                "Receiving from adaptive-sqs:orders keeps failing: 1 of 1 receives failed in the last 90.0 s; "
                + "last error: SdkClientException: Connection refused",
                "Receiving from adaptive-sqs:orders keeps failing: 1 of 1 receives failed in the last 90.0 s; "
                + "last error: SdkClientException: Connection refused");
        assertThat(log.find(Level.INFO, RECOVERED)).singleElement().extracting(CapturedLog.Line::message)
                .isEqualTo("Receiving from adaptive-sqs:orders recovered after 3 failed receives in 180.0 s");
    }

    @Test
    void healthIsDownFromAFailureUntilAnyReceiveSucceeds() {
        fail(0);
        fail(0.1);
        assertThat(health.isFailing()).isTrue();
        assertThat(health.failuresInStreak()).isEqualTo(2);
        assertThat(health.lastError()).isEqualTo("SdkClientException: Connection refused");

        succeed(0.2);

        assertThat(health.isFailing()).isFalse();
        assertThat(Duration.ofNanos(nanos)).isPositive();
    }
}
