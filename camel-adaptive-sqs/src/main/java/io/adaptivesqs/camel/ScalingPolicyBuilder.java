package io.adaptivesqs.camel;

/** The tuning of a {@link ScalingPolicy}: bounds, thresholds and how far and how fast it moves. */
public final class ScalingPolicyBuilder {

    int minPollers = 1;
    int maxPollers = 10;
    double spareShare = 0.1;
    double idleThreshold = 0.05;
    double fullFill = 0.9;
    double drainedShare = 0.3;
    int scaleDownTicks = 3;
    double surgeIdleShare = 0.25;
    double surgeFactor = 1.5;

    ScalingPolicyBuilder() {
    }

    public ScalingPolicyBuilder minPollers(int minPollers) {
        this.minPollers = minPollers;
        return this;
    }

    public ScalingPolicyBuilder maxPollers(int maxPollers) {
        this.maxPollers = maxPollers;
        return this;
    }

    /** Extra pollers kept above the ideal, as a share of it; never more than one poller. Default 0.1. */
    public ScalingPolicyBuilder spareShare(double spareShare) {
        this.spareShare = spareShare;
        return this;
    }

    /** Share of consumers idle (or pollers blocked) above which it counts as a signal. Default 0.05. */
    public ScalingPolicyBuilder idleThreshold(double idleThreshold) {
        this.idleThreshold = idleThreshold;
        return this;
    }

    /**
     * Mean batch fill below which batches count as partial: partial batches while the queue's backlog count is
     * short mean the queue, not the pollers, limits supply. Default 0.9.
     */
    public ScalingPolicyBuilder fullFill(double fullFill) {
        this.fullFill = fullFill;
        return this;
    }

    /** Share of receives that waited, or came back empty, from which the queue counts as drained. Default 0.3. */
    public ScalingPolicyBuilder drainedShare(double drainedShare) {
        this.drainedShare = drainedShare;
        return this;
    }

    /** Consecutive ticks that must ask for fewer pollers before any is removed. Default 3. */
    public ScalingPolicyBuilder scaleDownTicks(int scaleDownTicks) {
        this.scaleDownTicks = scaleDownTicks;
        return this;
    }

    /**
     * Between ticks, consumers idle at least this share and a model asking for {@link #surgeFactor} times the
     * pollers count as a step, acted on at once. Default 0.25.
     */
    public ScalingPolicyBuilder surgeIdleShare(double surgeIdleShare) {
        this.surgeIdleShare = surgeIdleShare;
        return this;
    }

    /** How many times the running pollers the model must ask for between ticks to count as a step. Default 1.5. */
    public ScalingPolicyBuilder surgeFactor(double surgeFactor) {
        this.surgeFactor = surgeFactor;
        return this;
    }

    public ScalingPolicy build() {
        return new ScalingPolicy(this);
    }
}
