package io.adaptivesqs.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code --model}: fixed counts in {@link PipelineModel}, each figure the mean of a few seeds. The fixed-N sweep, and
 * the capacity step's slow and fast phase from the mean-based ideal count up; the pipeline's way of holding at the
 * round trip injected plus the client's millisecond and at the 55 ms the trials measure on two busy cores, and the
 * same bound spent in messages at 55 ms. The first column is the ceiling the fixed-N sweep's target allows for.
 */
final class ModelReport {

    private ModelReport() {
    }

    /** Prints the tables for each mode. */
    static void print(List<Mode> modes, PrintStream out) {
        out.printf(Locale.ROOT, "Model without overhead or throttling, buffer of %d: share of capacity%n%n",
                Scenario.QUEUE_SIZE);
        for (Mode m : modes) {
            Scenario sweep = Scenarios.fixedSweep(false, m);
            printModelled(out, sweep, sweep.phases().get(0),
                    sweep.contenders().stream().map(c -> ((Contender.Fixed) c).pollers()).toList());
            Scenario step = Scenarios.capacityStep(false, m);
            for (Phase phase : step.phases().subList(0, 2)) {
                int ideal = Capacity.idealPollers(phase.capacity(step.concurrentConsumers()), phase.rttMillis() + 1,
                        1, SqsConditions.meanBatch(m));
                printModelled(out, step, phase, IntStream.rangeClosed(ideal, ideal + 3).boxed().toList());
            }
        }
    }

    private static void printModelled(PrintStream out, Scenario scenario, Phase phase, List<Integer> counts) {
        out.printf(Locale.ROOT, "%s, phase %s: K=%d, service %.0f ms (capacity %.0f/s), round trip %.0f ms%n",
                scenario.title(), phase.name(), scenario.concurrentConsumers(), phase.serviceMillis(),
                phase.capacity(scenario.concurrentConsumers()), phase.rttMillis());
        out.printf(Locale.ROOT, "%-10s %18s %18s %20s%n", "", "batch or receive", "batch or receive",
                "bound in messages");
        out.printf(Locale.ROOT, "%-10s %18s %18s %20s%n", "pollers", "at " + rtt(phase, 1),
                "at " + rtt(phase, 5), "at " + rtt(phase, 5));
        for (int pollers : counts) {
            out.printf(Locale.ROOT, "%-10s %17.1f%% %17.1f%% %19.1f%%%n", "fixed-" + pollers,
                    100 * PipelineModel.ceiling(scenario, phase, pollers),
                    100 * PipelineModel.meanShare(scenario, phase, PipelineModel.Holding.BATCH_PER_POLLER, pollers, 5),
                    100 * PipelineModel.meanShare(scenario, phase, PipelineModel.Holding.MESSAGES, pollers, 5));
        }
        out.println();
    }

    private static String rtt(Phase phase, double extraMillis) {
        return String.format(Locale.ROOT, "%.0f ms", phase.rttMillis() + extraMillis);
    }
}
