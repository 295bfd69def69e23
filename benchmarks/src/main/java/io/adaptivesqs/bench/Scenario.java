package io.adaptivesqs.bench;

import java.util.List;

import io.adaptivesqs.camel.AdaptiveSqsConfiguration;

/**
 * One situation every contender faces in turn, each on a fresh queue.
 *
 * @param name                 how {@code --scenario} selects it
 * @param kind                 which targets apply
 * @param description          one sentence for the report
 * @param concurrentConsumers  K, the route's consumer threads, the same for every contender
 * @param consumers            CamelContexts consuming the same queue (more than one: the shared-queue case)
 * @param prefill              messages in the queue before the consumers start
 * @param phases               the conditions over time
 * @param warmupSeconds        skipped at the start of the measured span
 * @param measureFromPhase     the measured span starts at this phase (plus the warm-up) and runs to the end
 * @param stepUpPhase          phase whose start is a step up in demand or round trip, or -1
 * @param stepDownPhase        phase whose start is a step down, after which pollers should come back, or -1
 * @param contenders           who runs it
 * @param mode                 how SQS behaves (ideal or realistic)
 * @param fifoGroups           message groups on a FIFO queue, or 0 for a standard queue
 */
record Scenario(String name, Kind kind, String description, int concurrentConsumers, int consumers, int prefill,
                List<Phase> phases, double warmupSeconds, int measureFromPhase, int stepUpPhase, int stepDownPhase,
                List<Contender> contenders, Mode mode, int fifoGroups) {

    /** The component's defaults the targets refer to, read from the component itself. */
    static final int MIN_POLLERS = new AdaptiveSqsConfiguration().getMinPollers();
    static final int QUEUE_SIZE = new AdaptiveSqsConfiguration().getQueueSize();
    static final int MAX_POLLERS = new AdaptiveSqsConfiguration().getMaxPollers();

    enum Kind {
        SATURATION, CAPACITY_STEP, RTT_STEP, TRICKLE, DRAINED, SHARED_QUEUE, FIXED_SWEEP, FIFO
    }

    boolean fifo() {
        return fifoGroups > 0;
    }

    /**
     * Messages the route can work on at once: K, or on a FIFO queue at most one per group. Capacity is this over the
     * service time.
     */
    int parallelism() {
        return fifo() ? Math.min(concurrentConsumers, fifoGroups) : concurrentConsumers;
    }

    /** Name and mode: what identifies one scenario's rows, charts and targets in a run of both modes. */
    String title() {
        return name + " (" + mode.label() + ")";
    }

    /** For file names: the name and the mode. */
    String fileName() {
        return name + "-" + mode.label();
    }

    double totalSeconds() {
        return phases.stream().mapToDouble(Phase::seconds).sum();
    }

    /** Enough backlog that the fastest possible consumer never runs dry: capacity x time over the backlog phases. */
    static int backlogFor(int concurrentConsumers, List<Phase> phases) {
        double most = phases.stream().filter(Phase::hasBacklog)
                .mapToDouble(p -> p.capacity(concurrentConsumers) * p.seconds()).sum();
        return (int) Math.ceil(most * 1.1) + 200;
    }

    /** Whether latency means anything: with a pre-filled backlog it only measures time spent queued. */
    boolean measuresLatency() {
        return prefill == 0;
    }

    /** Whether the round trip is large enough that a contender's handling of it should show. */
    boolean rttMatters() {
        return phases.stream().anyMatch(p -> p.rttMillis() >= 50);
    }
}
