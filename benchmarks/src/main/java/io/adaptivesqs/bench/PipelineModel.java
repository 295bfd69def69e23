package io.adaptivesqs.bench;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * The pipeline's structure without ElasticMQ, threads or CPU: a discrete-event model of N pollers, a buffer of
 * {@code queueSize} and K consumers of a fixed service time, on a queue whose backlog never runs out. Round trips and
 * batch sizes are the benchmark's own draws ({@link SqsConditions}); throttling is left out. What it returns is a
 * ceiling: the share of the route's capacity that a fixed poller count reaches at best with that buffer, whatever
 * the implementation, so that a fixed count the trials find short can be told from a pipeline that loses
 * throughput. Both ways of {@linkplain Holding holding} keep the messages received and not yet in the route within
 * {@code queueSize} plus a full batch per poller.
 */
final class PipelineModel {

    /** How the pollers hold what they received. */
    enum Holding {
        /** The pipeline's way: a poller holds one receive under way or one batch, never both. */
        BATCH_PER_POLLER,
        /**
         * Batches go to the buffer at once, and a poller starts its next receive whenever the messages held and a
         * full batch for every receive under way, its own included, fit in the same bound: partial batches leave
         * room for receives.
         */
        MESSAGES
    }

    private enum Kind { RETURNED, FINISHED }

    private record Event(long atNanos, long order, Kind kind) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final SqsConditions conditions;
    private final Holding holding;
    private final long rttNanos;
    private final long serviceNanos;
    private final int queueSize;
    private final int bound;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    /** Batches received and not yet all in the buffer, oldest first: the messages each still holds. */
    private final ArrayDeque<int[]> waitingBatches = new ArrayDeque<>();
    private long order;
    private long now;
    private int buffered;
    private int receiving;
    private int pollersWaiting;
    private int idleConsumers;
    private long finished;

    private PipelineModel(Mode mode, long seed, Holding holding, int pollers, double rttMillis, double serviceMillis,
                          int consumers, int queueSize) {
        this.conditions = SqsConditions.of(mode, seed, 0);
        this.holding = holding;
        this.rttNanos = (long) (rttMillis * 1e6);
        this.serviceNanos = (long) (serviceMillis * 1e6);
        this.queueSize = queueSize;
        this.bound = queueSize + pollers * Capacity.BATCH;
        this.idleConsumers = consumers;
    }

    /**
     * The share of the capacity K / service time that {@code pollers} reach over {@code seconds}, each receive
     * taking a round trip drawn around {@code rttMillis}.
     */
    static double shareOfCapacity(Mode mode, long seed, Holding holding, int pollers, int consumers,
                                  double serviceMillis, double rttMillis, int queueSize, double seconds) {
        PipelineModel model = new PipelineModel(mode, seed, holding, pollers, rttMillis, serviceMillis, consumers,
                queueSize);
        long end = (long) (seconds * 1e9);
        for (int i = 0; i < pollers; i++) {
            model.receive();
        }
        model.runUntil(end);
        double capacity = Capacity.routeCapacity(consumers, serviceMillis);
        return model.finished / seconds / capacity;
    }

    /**
     * {@link #shareOfCapacity} in a scenario's phase with its buffer, the mean of a few seeds over two minutes, each
     * round trip {@code extraMillis} longer than the one injected.
     */
    static double meanShare(Scenario scenario, Phase phase, Holding holding, int pollers, double extraMillis) {
        int seeds = 4;
        double sum = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            sum += shareOfCapacity(scenario.mode(), seed, holding, pollers, scenario.concurrentConsumers(),
                    phase.serviceMillis(), phase.rttMillis() + extraMillis, Scenario.QUEUE_SIZE, 120);
        }
        return sum / seeds;
    }

    /**
     * What {@code pollers} carry at best in the phase, as the pipeline holds, at the round trip injected plus the
     * client's millisecond: the ceiling of a fixed count, whatever the implementation.
     */
    static double ceiling(Scenario scenario, Phase phase, int pollers) {
        return Math.min(1, meanShare(scenario, phase, Holding.BATCH_PER_POLLER, pollers, 1));
    }

    private void runUntil(long endNanos) {
        while (!events.isEmpty() && events.peek().atNanos() <= endNanos) {
            Event event = events.poll();
            now = event.atNanos();
            if (event.kind() == Kind.RETURNED) {
                receiving--;
                returned(conditions.batchSize(Capacity.BATCH));
            } else {
                finished++;
                idleConsumers++;
            }
            handOver();
            dispatch();
            // a consumer that took a message made room for the next batch
            handOver();
        }
    }

    private void returned(int batch) {
        if (holding == Holding.BATCH_PER_POLLER) {
            waitingBatches.add(new int[] {batch});
        } else {
            buffered += batch;
            pollersWaiting++;
        }
    }

    private void handOver() {
        if (holding == Holding.BATCH_PER_POLLER) {
            handOverBatches();
            return;
        }
        while (pollersWaiting > 0 && buffered + (receiving + 1) * Capacity.BATCH <= bound) {
            pollersWaiting--;
            receive();
        }
    }

    /** The oldest batch enters as room frees up; its poller receives again once all of it is in. */
    private void handOverBatches() {
        while (!waitingBatches.isEmpty() && buffered < queueSize) {
            int[] batch = waitingBatches.peek();
            int moved = Math.min(batch[0], queueSize - buffered);
            buffered += moved;
            batch[0] -= moved;
            if (batch[0] > 0) {
                return;
            }
            waitingBatches.poll();
            receive();
        }
    }

    private void dispatch() {
        while (idleConsumers > 0 && buffered > 0) {
            buffered--;
            idleConsumers--;
            events.add(new Event(now + serviceNanos, order++, Kind.FINISHED));
        }
    }

    private void receive() {
        receiving++;
        events.add(new Event(now + conditions.rttNanos(rttNanos), order++, Kind.RETURNED));
    }
}
