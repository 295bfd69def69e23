package io.adaptivesqs.bench;

import java.util.List;

/**
 * Everything one contender's run of one scenario left behind, before any judgement.
 *
 * @param scenario   what was run
 * @param contender  who ran it
 * @param timeline   the samples
 * @param accounting the message ids' books
 * @param p50Millis  median end-to-end latency, send to completion
 * @param p99Millis  99th percentile of the same
 * @param calls      SQS calls per consumer
 * @param decisions  the adaptive supervisor's last reason at the end of each phase, per consumer
 */
record TrialRecord(Scenario scenario, Contender contender, Timeline timeline, MessageLedger.Accounting accounting,
                   double p50Millis, double p99Millis, List<CallCounts> calls, List<String> decisions) {
}
