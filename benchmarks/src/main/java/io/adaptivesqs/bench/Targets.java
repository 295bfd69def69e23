package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets the supervisor must meet (benchmark issue), judged on the adaptive contender's results. A target whose
 * reference is missing from the run (no fixed-N or stock contender in quick mode) is not judged. Every contender is
 * also held to exactly-once delivery: that one judges the benchmark as much as the component.
 */
final class Targets {

    static final double SATURATION_THROUGHPUT = 0.97;
    static final double STEP_SECONDS_TO_90 = 3;
    static final double STEP_SECONDS_DOWN = 5;
    static final double OF_BEST_FIXED = 0.97;
    /** "Clearly ahead" of stock aws2-sqs: at least this much more throughput. */
    static final double AHEAD_OF_STOCK = 1.10;
    static final double MIN_SHARE = 0.25;
    /** p99 on the trickle counts as "about one round trip plus service time" up to this multiple of it. */
    static final double LATENCY_SLACK = 1.5;

    private Targets() {
    }

    static List<TargetCheck> judge(Scenario scenario, List<Result> results) {
        List<TargetCheck> checks = new ArrayList<>();
        String name = scenario.name();
        Optional<Result> found = find(results, "adaptive");
        if (found.isPresent()) {
            Result adaptive = found.get();
            switch (scenario.kind()) {
                case SATURATION -> saturation(scenario, adaptive, checks);
                case CAPACITY_STEP, RTT_STEP -> steps(name, adaptive, checks);
                case TRICKLE -> trickle(scenario, adaptive, checks);
                case DRAINED -> drained(name, adaptive, checks);
                case SHARED_QUEUE -> checks.add(new TargetCheck(name, "no consumer below " + pct(MIN_SHARE) + " of the total",
                        "smallest share " + pct(adaptive.minShare()), adaptive.minShare() >= MIN_SHARE));
            }
            comparisons(scenario, adaptive, results, checks);
        }
        for (Result result : results) {
            checks.add(new TargetCheck(name, result.contender() + ": every message exactly once",
                    result.duplicates() + " duplicates, " + result.missing() + " missing",
                    result.duplicates() == 0 && result.missing() == 0));
        }
        return checks;
    }

    private static void saturation(Scenario scenario, Result adaptive, List<TargetCheck> checks) {
        String name = scenario.name();
        checks.add(new TargetCheck(name, "throughput >= " + pct(SATURATION_THROUGHPUT) + " of capacity",
                pct(adaptive.throughput()), adaptive.throughput() >= SATURATION_THROUGHPUT));
        double ideal = Math.ceil(adaptive.idealPollers() - 1e-9);
        checks.add(new TargetCheck(name, format("mean pollers <= ideal + 1 = %.0f", ideal + 1),
                format("%.1f", adaptive.meanPollers()), adaptive.meanPollers() <= ideal + 1));
        // limbo counts the K messages the route is working on; the target bounds what waits besides them
        int bound = scenario.concurrentConsumers() + Scenario.QUEUE_SIZE + Capacity.BATCH;
        checks.add(new TargetCheck(name, format("limbo <= K + queueSize + one batch = %d", bound),
                format("max %.0f (mean %.0f)", adaptive.limboMax(), adaptive.limboMean()),
                adaptive.limboMax() <= bound));
    }

    private static void steps(String name, Result adaptive, List<TargetCheck> checks) {
        checks.add(new TargetCheck(name, format("90%% of the new capacity within %.0f s", STEP_SECONDS_TO_90),
                seconds(adaptive.timeTo90()), adaptive.timeTo90() <= STEP_SECONDS_TO_90));
        checks.add(new TargetCheck(name, format("pollers back down within %.0f s", STEP_SECONDS_DOWN),
                seconds(adaptive.pollersDown()), adaptive.pollersDown() <= STEP_SECONDS_DOWN));
    }

    private static void trickle(Scenario scenario, Result adaptive, List<TargetCheck> checks) {
        String name = scenario.name();
        checks.add(new TargetCheck(name, "pollers at minPollers = " + Scenario.MIN_POLLERS,
                format("mean %.2f, max %.0f", adaptive.meanPollers(), adaptive.maxPollers()),
                adaptive.maxPollers() <= Scenario.MIN_POLLERS));
        Phase phase = scenario.phases().get(0);
        double bound = LATENCY_SLACK * (phase.rttMillis() + phase.serviceMillis());
        checks.add(new TargetCheck(name, format("p99 latency ~ one RTT + service time (<= %.0f ms)", bound),
                format("p99 %.0f ms (p50 %.0f ms)", adaptive.p99Millis(), adaptive.p50Millis()),
                adaptive.p99Millis() <= bound));
    }

    private static void drained(String name, Result adaptive, List<TargetCheck> checks) {
        checks.add(new TargetCheck(name, "pollers at minPollers = " + Scenario.MIN_POLLERS + " once drained",
                format("%d at the end, back to %d after %s", adaptive.endPollers(), Scenario.MIN_POLLERS,
                        seconds(adaptive.pollersDown())),
                adaptive.endPollers() <= Scenario.MIN_POLLERS));
    }

    private static void comparisons(Scenario scenario, Result adaptive, List<Result> results,
                                    List<TargetCheck> checks) {
        if (Double.isNaN(adaptive.throughput())) {
            return;
        }
        String name = scenario.name();
        results.stream().filter(r -> r.contender().startsWith("fixed-") && !Double.isNaN(r.throughput()))
                .max(Comparator.comparingDouble(Result::throughput))
                .ifPresent(best -> checks.add(new TargetCheck(name,
                        format(">= %s of the best fixed-N (%s)", pct(OF_BEST_FIXED), best.contender()),
                        format("%s vs %s", pct(adaptive.throughput()), pct(best.throughput())),
                        adaptive.throughput() >= OF_BEST_FIXED * best.throughput())));
        // on a trickle every contender keeps up with the producer: throughput cannot tell them apart
        if (scenario.rttMatters() && scenario.kind() != Scenario.Kind.TRICKLE) {
            find(results, new Contender.Stock().label()).ifPresent(stock -> checks.add(new TargetCheck(name,
                    format("clearly ahead of stock aws2-sqs (>= %.2fx)", AHEAD_OF_STOCK),
                    format("%s vs %s", pct(adaptive.throughput()), pct(stock.throughput())),
                    adaptive.throughput() >= AHEAD_OF_STOCK * stock.throughput())));
        }
    }

    private static Optional<Result> find(List<Result> results, String contender) {
        return results.stream().filter(r -> r.contender().equals(contender)).findFirst();
    }

    private static String pct(double fraction) {
        return ResultTable.percent(fraction);
    }

    private static String seconds(double seconds) {
        String value = ResultTable.seconds(seconds);
        return Double.isFinite(seconds) ? value + " s" : value;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
