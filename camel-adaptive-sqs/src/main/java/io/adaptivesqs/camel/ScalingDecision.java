package io.adaptivesqs.camel;

/**
 * The output of {@link ScalingPolicy#decide}: how many pollers to run, why, and what the next tick must remember.
 *
 * @param targetPollers the poller count to run from now on
 * @param reason        the why, in words, with the numbers that led to it
 * @param memory        hand it to the next call of {@code decide}
 */
public record ScalingDecision(int targetPollers, String reason, Memory memory) {

    /**
     * Hysteresis state carried from one tick to the next: pollers are removed only after {@code ticksBelow}
     * consecutive ticks asked for fewer, and then only down to the highest of those asks.
     *
     * @param ticksBelow    consecutive ticks that asked for fewer pollers than the current target
     * @param highestBelow  the highest poller count those ticks asked for
     */
    public record Memory(int ticksBelow, int highestBelow) {
        public static final Memory NONE = new Memory(0, 0);
    }
}
