package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A deterministic fluid model of the pipeline for policy traces: K = 8 consumers whose demand is given in
 * messages/s, pollers that each bring a mean batch of {@code fill} x 10 per RTT, and a backlog that is either large
 * or empty. Whatever the slower side cannot take shows up as idle consumers or blocked pollers, as in the real
 * pipeline. Ticks last one second.
 */
final class FluidPipeline {

    private static final int CONSUMERS = 8;
    private static final int BATCH = 10;
    private static final long LARGE_BACKLOG = 100_000;

    /**
     * The conditions during one tick. {@code backlog} 0 means the queue is drained; {@code fill} is the mean share
     * of a full batch a receive returns although the backlog waits, as real SQS answers from a subset of its servers.
     */
    record World(double demandPerSecond, double rttMillis, long backlog, double fill) {
        World(double demandPerSecond, double rttMillis) {
            this(demandPerSecond, rttMillis, LARGE_BACKLOG, 1.0);
        }

        World withFill(double share) {
            return new World(demandPerSecond, rttMillis, backlog, share);
        }

        static World drained(double demandPerSecond, double rttMillis) {
            return new World(demandPerSecond, rttMillis, 0, 1.0);
        }
    }

    private FluidPipeline() {
    }

    /** Runs the policy for {@code ticks} one-second ticks; returns the target after each. */
    static List<Integer> run(ScalingPolicy policy, int startPollers, int ticks, IntFunction<World> worldAt) {
        List<Integer> targets = new ArrayList<>();
        int pollers = startPollers;
        ScalingDecision.Memory memory = ScalingDecision.Memory.NONE;
        for (int tick = 0; tick < ticks; tick++) {
            World world = worldAt.apply(tick);
            ScalingDecision decision = policy.decide(signals(world, pollers), memory);
            memory = decision.memory();
            pollers = decision.targetPollers();
            targets.add(pollers);
        }
        return targets;
    }

    /** The same signals once a backlog taught its batch: the mean batch of the window. */
    static Signals learned(Signals s) {
        return new Signals(s.currentTarget(), s.activePollers(), s.concurrentConsumers(), s.maxMessagesPerPoll(),
                s.receives(), s.emptyReceives(), s.waitedReceives(), s.receiveErrors(), s.messagesReceived(),
                s.receiveRttMillis(), s.receiveRttJitterMillis(), s.serviceTimeMillis(), s.idleConsumers(),
                s.blockedPollers(), s.waitingPollers(), s.meanInflight(), s.bufferDepth(), s.backlog(),
                s.orderBoundConsumers(), s.messageGroups(), s.fill() * s.maxMessagesPerPoll());
    }

    /** One tick of a queue fed at a set rate: the pollers after it, and the messages it left in the queue. */
    record Fed(int pollers, long backlog) {
    }

    /**
     * Runs the policy on a queue that {@code arrivalPerSecond} messages reach, less than the consumers could take:
     * whatever the pollers do not bring waits, and the queue's count is what waited at the end of the tick. Receives
     * bring {@code fill} x 10 of what waits, as SQS answers from a subset of its servers, and what waited plus what
     * arrived at most.
     */
    static List<Fed> runFed(ScalingPolicy policy, int startPollers, int ticks, double arrivalPerSecond,
                            double demandPerSecond, double rttMillis, double fill) {
        List<Fed> trace = new ArrayList<>();
        int pollers = startPollers;
        double waiting = 0;
        ScalingDecision.Memory memory = ScalingDecision.Memory.NONE;
        for (int tick = 0; tick < ticks; tick++) {
            double receives = pollers * 1000.0 / rttMillis;
            double delivered = Math.min(Math.min(receives * BATCH * fill, waiting + arrivalPerSecond),
                    demandPerSecond);
            waiting += arrivalPerSecond - delivered;
            double idle = CONSUMERS * (1 - delivered / demandPerSecond);
            Signals signals = new Signals(pollers, pollers, CONSUMERS, BATCH, Math.round(receives), 0, 0, 0,
                    Math.round(delivered), rttMillis, CONSUMERS * 1000.0 / demandPerSecond, idle, 0, 0,
                    CONSUMERS - idle, 0, Math.round(waiting));
            ScalingDecision decision = policy.decide(signals, memory);
            memory = decision.memory();
            pollers = decision.targetPollers();
            trace.add(new Fed(pollers, Math.round(waiting)));
        }
        return trace;
    }

    static Signals signals(World world, int pollers) {
        double serviceMillis = CONSUMERS * 1000.0 / world.demandPerSecond();
        if (world.backlog() == 0) {
            // long polls: few receives return, all empty after waiting, and every poller waits at SQS
            long receives = Math.max(1, pollers / 10);
            return new Signals(pollers, pollers, CONSUMERS, BATCH, receives, receives, receives, 0, 0,
                    world.rttMillis(), serviceMillis, CONSUMERS, 0, pollers, 0, 0, 0L);
        }
        double batch = BATCH * world.fill();
        double supply = pollers * batch * 1000.0 / world.rttMillis();
        double delivered = Math.min(supply, world.demandPerSecond());
        double idle = CONSUMERS * (1 - delivered / world.demandPerSecond());
        double blocked = pollers * (1 - delivered / supply);
        long receives = Math.round(delivered / batch);
        return new Signals(pollers, pollers, CONSUMERS, BATCH, receives, 0, 0, 0, Math.round(delivered),
                world.rttMillis(), serviceMillis, idle, blocked, 0, CONSUMERS - idle, 0, world.backlog());
    }
}
