package io.adaptivesqs.bench;

/**
 * One target of the benchmark issue, judged on one scenario.
 *
 * @param scenario scenario name
 * @param target   the target in words, with its bound
 * @param measured what was measured, in words
 * @param met      whether the measurement meets the target
 */
record TargetCheck(String scenario, String target, String measured, boolean met) {
}
