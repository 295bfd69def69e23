package io.adaptivesqs.bench;

import java.util.SplittableRandom;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * What the network and SQS do to one consumer's calls, drawn from a seeded generator so that every contender of a
 * scenario faces the same sequence of draws (which call gets which draw still depends on thread timing).
 *
 * <ul>
 * <li><b>Round trip</b>: lognormal around the scenario's mean with sigma {@value #RTT_SIGMA}: median 0.82 x mean, p99
 * 3.5 x mean, capped at {@value #RTT_CAP} x mean. Lognormal because a round trip is a product of many independent
 * delays (queueing in each hop, server load), which makes latency right-skewed with a long tail.</li>
 * <li><b>Batch size</b>: SQS answers a receive from a sample of its servers, so a receive for 10 returns any number
 * from 1 to 10 although thousands wait: drawn uniformly from 1 to 10 (mean 5.5, a full batch one time in ten). Uniform
 * because nothing more specific is published, and it is the hardest case for a policy that reads batch fill: the
 * fill of one receive says little about the next. The draw is never 0: with a long poll an empty answer means a
 * drained queue, which ElasticMQ produces itself.</li>
 * <li><b>Throttling</b>: in bursts, as SQS throttles for a moment rather than at random. Bursts come on a schedule in
 * time drawn from the seed alone (calm spells exponential with mean {@value #CALM_MEAN_SECONDS} s, bursts with mean
 * {@value #BURST_MEAN_SECONDS} s), so every contender meets them at the same moments however often it calls; during
 * a burst half the receives fail, four in five with 400 ThrottlingException and one in five with 503
 * ServiceUnavailable. That is about 1.5% of receives, more for a contender that keeps calling through a burst.</li>
 * </ul>
 */
final class SqsConditions {

    static final double RTT_SIGMA = 0.62;
    static final double RTT_CAP = 10;
    static final double CALM_MEAN_SECONDS = 10;
    static final double BURST_MEAN_SECONDS = 0.3;
    static final double FAIL_IN_BURST = 0.5;
    static final double SHARE_503 = 0.2;

    private final Mode mode;
    private final SplittableRandom random;
    /** The burst schedule has its own generator: it must not depend on how many draws the calls took. */
    private final SplittableRandom schedule;
    private final long startNanos;
    private long burstFrom;
    private long burstTo;

    private SqsConditions(Mode mode, long seed, long startNanos) {
        this.mode = mode;
        this.random = new SplittableRandom(seed);
        this.schedule = new SplittableRandom(~seed);
        this.startNanos = startNanos;
        this.burstFrom = exponentialNanos(CALM_MEAN_SECONDS);
        this.burstTo = burstFrom + exponentialNanos(BURST_MEAN_SECONDS);
    }

    /** Conditions whose burst schedule starts now. */
    static SqsConditions of(Mode mode, long seed) {
        return of(mode, seed, System.nanoTime());
    }

    static SqsConditions of(Mode mode, long seed, long startNanos) {
        return new SqsConditions(mode, seed, startNanos);
    }

    static SqsConditions ideal() {
        return new SqsConditions(Mode.IDEAL, 0, 0);
    }

    Mode mode() {
        return mode;
    }

    /** The 99th percentile of a round trip as a multiple of its mean: exp(2.326 sigma - sigma^2 / 2). */
    static double rttP99Factor(Mode mode) {
        return mode == Mode.IDEAL ? 1 : Math.exp(2.326 * RTT_SIGMA - RTT_SIGMA * RTT_SIGMA / 2);
    }

    /**
     * A slow round trip as a multiple of the mean: the mean plus one standard deviation, which is what the adaptive
     * consumer sizes its pollers for. A lognormal's standard deviation is sqrt(exp(sigma^2) - 1) times its mean.
     */
    static double rttSlowFactor(Mode mode) {
        return mode == Mode.IDEAL ? 1 : 1 + Math.sqrt(Math.exp(RTT_SIGMA * RTT_SIGMA) - 1);
    }

    /** Messages a receive for 10 brings on average while a backlog waits. */
    static double meanBatch(Mode mode) {
        return mode == Mode.IDEAL ? Capacity.BATCH : (1 + Capacity.BATCH) / 2.0;
    }

    /** The round trip of one call whose mean is {@code meanNanos}. */
    synchronized long rttNanos(long meanNanos) {
        if (mode == Mode.IDEAL || meanNanos <= 0) {
            return meanNanos;
        }
        // mean of a lognormal is exp(mu + sigma^2 / 2)
        double mu = Math.log(meanNanos) - RTT_SIGMA * RTT_SIGMA / 2;
        double drawn = Math.exp(mu + RTT_SIGMA * gaussian());
        return (long) Math.min(drawn, RTT_CAP * meanNanos);
    }

    /** How many messages SQS returns to a receive that asked for {@code asked}, while enough wait. */
    synchronized int batchSize(int asked) {
        if (mode == Mode.IDEAL || asked <= 1) {
            return asked;
        }
        return Math.min(asked, 1 + random.nextInt(Capacity.BATCH));
    }

    /** Whether SQS throttles at {@code nowNanos} ({@link System#nanoTime()}). */
    synchronized boolean inBurst(long nowNanos) {
        if (mode == Mode.IDEAL) {
            return false;
        }
        long at = nowNanos - startNanos;
        while (at >= burstTo) {
            burstFrom = burstTo + exponentialNanos(CALM_MEAN_SECONDS);
            burstTo = burstFrom + exponentialNanos(BURST_MEAN_SECONDS);
        }
        return at >= burstFrom;
    }

    /** The error a receive made at {@code nowNanos} fails with, or null when it goes through. */
    synchronized SqsException receiveFailure(long nowNanos) {
        if (!inBurst(nowNanos) || random.nextDouble() >= FAIL_IN_BURST) {
            return null;
        }
        return random.nextDouble() < SHARE_503
                ? failure(503, "ServiceUnavailable", "Service is unavailable (injected)")
                : failure(400, "ThrottlingException", "Rate exceeded (injected)");
    }

    private static SqsException failure(int status, String code, String message) {
        return (SqsException) SqsException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName("Sqs").build())
                .build();
    }

    private long exponentialNanos(double meanSeconds) {
        return (long) (-Math.log(1 - schedule.nextDouble()) * meanSeconds * 1e9);
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
