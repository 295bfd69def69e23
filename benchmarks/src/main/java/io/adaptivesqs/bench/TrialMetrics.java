package io.adaptivesqs.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Turns a {@link TrialRecord} into its {@link Result}: which window, which step, which limit. */
final class TrialMetrics {

    /** Rolling window for the time-to-90% after a step; also its resolution. */
    static final double STEP_WINDOW_SECONDS = 0.5;

    private TrialMetrics() {
    }

    /** The measured span: from the measured phase's start plus the warm-up, to the end. */
    static Window measuredWindow(Scenario scenario, Timeline timeline) {
        double from = timeline.phaseStart(scenario.measureFromPhase()) + scenario.warmupSeconds();
        return new Window(Math.min(from, timeline.end()), timeline.end());
    }

    static Result of(TrialRecord trial) {
        Scenario scenario = trial.scenario();
        Timeline timeline = trial.timeline();
        Window window = measuredWindow(scenario, timeline);
        List<Sample> total = timeline.total();
        List<List<Sample>> each = IntStream.range(0, timeline.consumers()).mapToObj(timeline::consumer).toList();
        int min = Scenario.MIN_POLLERS;

        double timeTo90 = timeToReach(scenario, timeline, total, 0.9);
        double timeTo95 = timeToReach(scenario, timeline, total, 0.95);
        double meanBatch = SqsConditions.meanBatch(scenario.mode());
        double pollersDown = scenario.stepDownPhase() < 0 ? Double.NaN
                : each.stream().mapToDouble(samples -> pollersDown(scenario, timeline, samples)).max().orElse(Double.NaN);
        boolean latency = scenario.measuresLatency();

        return new Result(scenario.name(), scenario.mode().label(), trial.contender().label(),
                Analysis.throughputFraction(total, window),
                each.stream().mapToDouble(s -> Analysis.mean(s, window, Sample::receivesInFlight)).average()
                        .orElse(Double.NaN),
                each.stream().mapToDouble(s -> Analysis.max(s, window, Sample::receivesInFlightMax)).max()
                        .orElse(Double.NaN),
                each.stream().mapToDouble(s -> Analysis.idealPollers(s, window, min, meanBatch)).average()
                        .orElse(Double.NaN),
                each.stream().mapToInt(s -> s.get(s.size() - 1).pollers()).max().orElse(0),
                Analysis.receivesPerMessage(total, window),
                Analysis.emptyReceiveRatio(total, window),
                Analysis.receivesPerSecond(total, window),
                each.stream().mapToDouble(s -> Analysis.mean(s, window, Sample::limbo)).average().orElse(Double.NaN),
                each.stream().mapToDouble(s -> Analysis.max(s, window, Sample::limbo)).max().orElse(Double.NaN),
                timeTo90, pollersDown,
                latency ? trial.p50Millis() : Double.NaN,
                latency ? trial.p99Millis() : Double.NaN,
                trial.accounting().duplicates(), trial.accounting().missing(),
                minShare(each, window),
                Analysis.mean(total, window, Sample::cpu),
                Analysis.mean(total, window, Sample::processCpu),
                timeTo95, phaseThroughput(scenario, timeline, total),
                scenario.fifo() ? trial.accounting().outOfOrder() : -1,
                scenario.fifo() ? trial.accounting().overlaps() : -1,
                Analysis.serviceOverrunMicros(total, window));
    }

    private static double timeToReach(Scenario scenario, Timeline timeline, List<Sample> total, double fraction) {
        return scenario.stepUpPhase() < 0 ? Double.NaN : Analysis.timeToReach(total,
                timeline.phaseStart(scenario.stepUpPhase()), fraction, STEP_WINDOW_SECONDS);
    }

    /** Throughput phase by phase, from the measured phase on; the first measured phase without its warm-up. */
    static List<Double> phaseThroughput(Scenario scenario, Timeline timeline, List<Sample> total) {
        List<Double> phases = new java.util.ArrayList<>();
        for (int p = scenario.measureFromPhase(); p < timeline.phaseStarts().size(); p++) {
            double from = timeline.phaseStart(p) + (p == scenario.measureFromPhase() ? scenario.warmupSeconds() : 0);
            double to = timeline.phaseEnd(p);
            phases.add(to > from ? Analysis.throughputFraction(total, new Window(from, to)) : Double.NaN);
        }
        return phases;
    }

    /**
     * After a step down, pollers should come back to what the new phase needs: within one of its ideal after a
     * capacity or round-trip step, to the minimum once the queue is drained. The ideal here is sized for the slow
     * round trip (the mean plus one standard deviation), as the adaptive consumer sizes its pollers: with a tail,
     * an ideal sized for the mean is a count the supervisor is built not to run.
     */
    private static double pollersDown(Scenario scenario, Timeline timeline, List<Sample> samples) {
        int phase = scenario.stepDownPhase();
        Window after = new Window(timeline.phaseStart(phase), timeline.phaseEnd(phase));
        double possible = samples.stream().filter(s -> s.phase() == phase).mapToDouble(Sample::possible)
                .findFirst().orElse(0);
        double slowRtt = Analysis.rttMillis(samples, phase) * SqsConditions.rttSlowFactor(scenario.mode());
        int ideal = Capacity.idealPollers(possible, slowRtt, Scenario.MIN_POLLERS,
                SqsConditions.meanBatch(scenario.mode()));
        int slack = scenario.kind() == Scenario.Kind.DRAINED ? 0 : 1;
        return Analysis.settleTime(samples, after, ideal + slack);
    }

    private static double minShare(List<List<Sample>> each, Window window) {
        if (each.size() < 2) {
            return Double.NaN;
        }
        long[] completed = each.stream().mapToLong(s -> Analysis.completed(s, window)).toArray();
        long total = Arrays.stream(completed).sum();
        return total == 0 ? Double.NaN : (double) Arrays.stream(completed).min().orElse(0) / total;
    }
}
