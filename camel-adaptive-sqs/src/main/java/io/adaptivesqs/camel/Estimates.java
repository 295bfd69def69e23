package io.adaptivesqs.camel;

/**
 * The supervisor's running estimates of service time, receive round trip and the round trip's spread, each a mean
 * that weighs a new window by how much it saw: a window of n samples against a prior worth {@code prior} samples
 * moves the estimate by n / (n + prior). A tick full of exchanges after a step shows the step at once; a window of a
 * few receives moves the estimate a little. {@code NaN} until something was measured.
 *
 * @param serviceTimeMillis time one exchange spends in the route
 * @param rttMillis         round trip of a receive that SQS answered at once: one that brought at least half a
 *                          batch
 * @param rttSpread         standard deviation of those round trips relative to their mean: delays multiply along
 *                          the way, so the spread scales with the round trip and survives a step in it; used once
 *                          {@link #TRUSTED_RECEIVES} receives taught it ({@link #rttJitterMillis()})
 * @param spreadReceives    the receives the spread was learned from
 * @param backlogBatch      messages a receive brings while the queue holds a backlog: what one poller can bring; used
 *                          once {@link #TRUSTED_RECEIVES} receives taught it ({@link #trustedBacklogBatch()})
 * @param backlogReceives   the receives it was learned from
 */
record Estimates(double serviceTimeMillis, double rttMillis, double rttSpread, long spreadReceives,
                 double backlogBatch, long backlogReceives) {

    static final Estimates NONE = new Estimates(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    /**
     * The receives a backlog's batch, and the round trip's spread, are learned from before they are used. SQS answers
     * from a sample of its servers, so batches vary (1 to 10 in the benchmark's realistic mode: +/- 2.9 messages);
     * the mean of 20 is within about 12% of what a backlog brings, so that consumers sharing a queue learn close
     * values. One window of a few receives may be 40% off, and a consumer that learned too small a batch takes its
     * thin batches on a short queue for a backlog's and keeps the most pollers. A spread read from the first
     * window's two receives is as likely near none as near the truth; trusted, it sized the pollers for the mean
     * round trip for seconds, while a prior of many receives let it grow.
     */
    static final int TRUSTED_RECEIVES = 20;
    /**
     * How many times longer or shorter than believed a short window's service time or round trip must be to count as
     * a step ({@link #seenIn}): a step is several times, noise within a window of a few samples less than this.
     */
    static final double STEP = 2;
    /** A spread needs more samples than a mean: its prior is worth this many receives per poller. */
    private static final int SPREAD_PRIOR_PER_POLLER = 4;

    /** Estimates with a spread and a backlog's batch as good as learned (or none, if NaN). */
    Estimates(double serviceTimeMillis, double rttMillis, double rttSpread, double backlogBatch) {
        this(serviceTimeMillis, rttMillis, rttSpread, learnedFrom(rttSpread), backlogBatch, learnedFrom(backlogBatch));
    }

    private static long learnedFrom(double estimate) {
        return Double.isNaN(estimate) ? 0 : TRUSTED_RECEIVES;
    }

    /**
     * The estimates after a window of the metrics. The prior of the service time is one exchange per consumer; that
     * of the round trip one receive per poller. The spread is learned like a backlog's batch: every receive alike
     * until {@link #TRUSTED_RECEIVES} taught it, then with a prior of {@value #SPREAD_PRIOR_PER_POLLER} receives per
     * poller. A window's variance is its sample variance: that of two or three receives alone lies well under the
     * round trips' own.
     */
    Estimates updatedBy(PipelineMetrics.Snapshot window, int pollers, int consumers) {
        double service = serviceTimeMillis;
        if (window.exchanges() > 0) {
            service = weigh(service, window.serviceNanos() / 1e6 / window.exchanges(), window.exchanges(), consumers);
        }
        double rtt = rttMillis;
        double spread = rttSpread;
        long spreadLearned = spreadReceives;
        long answered = window.answeredReceives();
        if (answered > 0) {
            double mean = window.answeredReceiveNanos() / 1e6 / answered;
            int prior = Math.max(pollers, 1);
            rtt = weigh(rtt, mean, answered, prior);
            if (answered > 1) {
                double squares = window.answeredReceiveMillisSquared() - answered * mean * mean;
                double relativeVariance = Math.max(0, squares) / (answered - 1) / (mean * mean);
                spread = spreadReceives >= TRUSTED_RECEIVES
                        ? weigh(spread, Math.sqrt(relativeVariance), answered, SPREAD_PRIOR_PER_POLLER * prior)
                        : Math.sqrt(pooled(spread * spread, spreadReceives, relativeVariance, answered));
                spreadLearned += answered;
            }
        }
        return new Estimates(service, rtt, spread, spreadLearned, backlogBatch, backlogReceives);
    }

    /**
     * The estimates a step is judged by. A window that saw at least a prior's worth of samples stands on its own
     * where its service time or round trip asks for more pollers or {@linkplain #believed moved by a step}: a step is
     * exactly what smoothing hides. A thinner window counts by its smoothed values where they ask for more pollers.
     * Anything else keeps what was believed before the window. The service time comes from the {@code newest} part of
     * the window first, if that saw an exchange per consumer: the window spans two round trips, and right after the
     * route became faster it still holds the slow exchanges that were under way, which would hide most of the step.
     * <p>
     * Here the service time is Little's law's, the time consumers were busy over the exchanges the window saw
     * ({@link PipelineMetrics.Snapshot#exchangesSeen()}): an exchange that crossed one of its ends counts only with
     * its part in it, and as half an exchange. Right after the route became four times faster, the mean time of the
     * exchanges that ended counts the slow ones whole and sees half the step; the busy time sees most of it. Counted
     * against the exchanges that ended alone, a window in which the exchanges under way at its start end and few
     * begin (consumers starving after a burst, when a step is looked for) reads half the service time. The smoothed
     * estimate keeps the mean: over a tick it is the same, and an exchange longer than a window would otherwise
     * count only with its last window's part.
     */
    Estimates seenIn(PipelineMetrics.Snapshot window, PipelineMetrics.Snapshot newest, int pollers, int consumers) {
        Estimates smoothed = updatedBy(window, pollers, consumers);
        double service = newest.exchangesSeen() >= consumers ? busyServiceMillis(newest)
                : window.exchangesSeen() >= consumers ? busyServiceMillis(window)
                : Double.NaN;
        double rtt = window.answeredReceives() >= Math.max(pollers, 1)
                ? window.answeredReceiveNanos() / 1e6 / window.answeredReceives() : Double.NaN;
        // fewer pollers come from a longer service time or a shorter round trip
        return new Estimates(believed(service, serviceTimeMillis, smoothed.serviceTimeMillis, 1),
                believed(rtt, rttMillis, smoothed.rttMillis, -1), smoothed.rttSpread, smoothed.spreadReceives,
                backlogBatch, backlogReceives);
    }

    /**
     * The window's own value where it asks for more pollers than what was believed before the window, or moved at
     * least {@link #STEP} times away from it (or nothing was believed); what was believed otherwise.
     * {@code fewerWhenHigher} is 1 for the service time (a slower route needs fewer pollers) and -1 for the round
     * trip. The two errors cost differently: a poller too many holds a batch until the next tick takes it away, a
     * poller too few starves consumers until the tick brings it back. And short of a step, a short window's value
     * is noise: the mean of a few round trips with a tail lies under their mean more often than over it, and the
     * busy time of consumers that run in step reads 50 ms for a 40 ms route over a window of two and a half
     * exchanges. Sized on such a window, a step down left fewer pollers than the next tick asked for, and the count
     * swung between the two; sized on the smoothed value, which takes the window in at the weight of its few
     * samples, it still did. A window too thin to stand on its own ({@code seen} NaN) is never a step: the smoothed
     * value where that asks for more, what was believed otherwise.
     */
    private static double believed(double seen, double before, double smoothed, int fewerWhenHigher) {
        boolean thin = Double.isNaN(seen);
        double candidate = thin ? smoothed : seen;
        if (Double.isNaN(before)) {
            return candidate;
        }
        boolean asksForMore = fewerWhenHigher * (candidate - before) < 0;
        boolean step = !thin && (seen >= STEP * before || seen * STEP <= before);
        return asksForMore || step ? candidate : before;
    }

    private static double busyServiceMillis(PipelineMetrics.Snapshot window) {
        return window.busyConsumerNanos() / 1e6 / window.exchangesSeen();
    }

    /**
     * The estimates after a window during which the queue's count, read then, showed a backlog: its mean batch is
     * what a receive brings from a backlog. Until {@link #TRUSTED_RECEIVES} receives taught it, the windows count
     * alike (the mean of every receive so far); after that, a window moves it as the other estimates are moved, with
     * a prior of as many receives: it is the queue's, and changes seldom. A window of batches under half a trusted
     * estimate is left out: the count is read every few seconds, and a queue that runs out meanwhile brings thin
     * batches that say nothing of what a poller brings while messages wait.
     */
    Estimates withBacklogBatch(PipelineMetrics.Snapshot window) {
        long receives = window.receiveCalls();
        if (receives == 0) {
            return this;
        }
        double batch = (double) window.received() / receives;
        boolean trusted = backlogReceives >= TRUSTED_RECEIVES;
        if (trusted && batch < backlogBatch / 2) {
            return this;
        }
        double learned = trusted ? weigh(backlogBatch, batch, receives, TRUSTED_RECEIVES)
                : pooled(backlogBatch, backlogReceives, batch, receives);
        return new Estimates(serviceTimeMillis, rttMillis, rttSpread, spreadReceives, learned,
                backlogReceives + receives);
    }

    /** What a receive brings from a backlog, once {@link #TRUSTED_RECEIVES} receives taught it; NaN until then. */
    double trustedBacklogBatch() {
        return backlogReceives >= TRUSTED_RECEIVES ? backlogBatch : Double.NaN;
    }

    /**
     * The round trip's standard deviation in milliseconds; 0 until {@link #TRUSTED_RECEIVES} receives taught the
     * spread.
     */
    double rttJitterMillis() {
        return spreadReceives < TRUSTED_RECEIVES || Double.isNaN(rttMillis) ? 0 : rttSpread * rttMillis;
    }

    /** The mean of {@code samples} values of mean {@code sample} and of those an estimate was learned from. */
    private static double pooled(double estimate, long learnedFrom, double sample, long samples) {
        double taughtSoFar = learnedFrom == 0 ? 0 : estimate * learnedFrom;
        return (taughtSoFar + sample * samples) / (learnedFrom + samples);
    }

    private static double weigh(double estimate, double sample, long samples, int prior) {
        if (Double.isNaN(estimate)) {
            return sample;
        }
        double weight = (double) samples / (samples + prior);
        return weight * sample + (1 - weight) * estimate;
    }
}
