package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A deterministic fluid model of the pipeline for policy traces: K = 8 consumers whose demand is given in
 * messages/s, pollers that each supply full batches of 10 per RTT, and a backlog that is either unlimited or empty.
 * Whatever the slower side cannot take shows up as idle consumers or blocked pollers, as in the real pipeline.
 */
final class FluidPipeline {

    private static final int CONSUMERS = 8;
    private static final int BATCH = 10;

    /** The conditions during one tick. {@code backlog} 0 means the queue is drained. */
    record World(double demandPerSecond, double rttMillis, int backlog) {
        World(double demandPerSecond, double rttMillis) {
            this(demandPerSecond, rttMillis, Integer.MAX_VALUE);
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

    static Signals signals(World world, int pollers) {
        double serviceMillis = CONSUMERS * 1000.0 / world.demandPerSecond();
        double supply = pollers * BATCH * 1000.0 / world.rttMillis();
        if (world.backlog() == 0) {
            // long polls: few receives return, and every poller waits at SQS
            return new Signals(pollers, pollers, CONSUMERS, BATCH, pollers / 10, pollers / 10, 0, 0, world.rttMillis(),
                    serviceMillis, CONSUMERS, 0, pollers, 0, 0);
        }
        double delivered = Math.min(supply, world.demandPerSecond());
        double idle = CONSUMERS * (1 - delivered / world.demandPerSecond());
        double blocked = pollers * (1 - delivered / supply);
        long fullReceives = Math.round(delivered / BATCH);
        return new Signals(pollers, pollers, CONSUMERS, BATCH, fullReceives, 0, 0, fullReceives * BATCH,
                world.rttMillis(), serviceMillis, idle, blocked, 0, CONSUMERS - idle, 0);
    }
}
