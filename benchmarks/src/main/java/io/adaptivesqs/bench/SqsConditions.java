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
 * <li><b>Throttling</b>: in bursts, as SQS throttles a client for a moment rather than at random. A two-state chain
 * per receive call: calm (no failure) turns into a burst with probability {@value #BURST_START}, a burst ends with
 * probability {@value #BURST_END} (about 10 calls), and during a burst half the calls fail. About 1% of receives fail
 * in all, four in five with 400 ThrottlingException and one in five with 503 ServiceUnavailable.</li>
 * </ul>
 */
final class SqsConditions {

    static final double RTT_SIGMA = 0.62;
    static final double RTT_CAP = 10;
    static final double BURST_START = 0.002;
    static final double BURST_END = 0.1;
    static final double FAIL_IN_BURST = 0.5;
    static final double SHARE_503 = 0.2;

    private final Mode mode;
    private final SplittableRandom random;
    private boolean inBurst;

    private SqsConditions(Mode mode, long seed) {
        this.mode = mode;
        this.random = new SplittableRandom(seed);
    }

    static SqsConditions of(Mode mode, long seed) {
        return new SqsConditions(mode, seed);
    }

    static SqsConditions ideal() {
        return new SqsConditions(Mode.IDEAL, 0);
    }

    Mode mode() {
        return mode;
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

    /** The error this receive fails with, or null when it goes through. */
    synchronized SqsException receiveFailure() {
        if (mode == Mode.IDEAL) {
            return null;
        }
        inBurst = inBurst ? random.nextDouble() >= BURST_END : random.nextDouble() < BURST_START;
        if (!inBurst || random.nextDouble() >= FAIL_IN_BURST) {
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

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
