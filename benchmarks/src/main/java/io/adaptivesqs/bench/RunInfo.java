package io.adaptivesqs.bench;

/**
 * Where and how a run happened, so that numbers from different machines are not compared by mistake.
 *
 * @param startedAt ISO-8601 start time
 * @param host      host name
 * @param cores     available processors
 * @param java      Java runtime version
 * @param jvmFlags  JVM input arguments (the launcher sets C1-only compilation)
 * @param quick     whether this was a --quick run
 * @param seconds   wall-clock duration
 * @param timerLateMicros how late a timed park woke before the run, in microseconds by service time in milliseconds:
 *                  what the simulated service wakes early by ({@link TimerLatency})
 */
record RunInfo(String startedAt, String host, int cores, String java, String jvmFlags, boolean quick,
               double seconds, java.util.Map<Double, Long> timerLateMicros) {
}
