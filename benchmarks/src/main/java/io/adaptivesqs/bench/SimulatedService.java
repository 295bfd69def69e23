package io.adaptivesqs.bench;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The route's work: waits the current service time, as a call to a database or a web service would, then books the
 * message. It waits rather than computes so that K consumers really take K / service time messages a second on two
 * cores. The service time can change while the route runs.
 */
final class SimulatedService implements Processor {

    private final MessageLedger ledger;
    private final LatencyRecorder latency;
    private final LongAdder completed = new LongAdder();
    private volatile long serviceNanos;

    SimulatedService(MessageLedger ledger, LatencyRecorder latency) {
        this.ledger = ledger;
        this.latency = latency;
    }

    void serviceMillis(double millis) {
        this.serviceNanos = (long) (millis * 1e6);
    }

    long completed() {
        return completed.sum();
    }

    @Override
    public void process(Exchange exchange) {
        handle(exchange.getIn().getBody(String.class));
    }

    /** The work on one message body, for a contender that is not a Camel route. */
    void handle(String body) {
        BenchMessage message = BenchMessage.parse(body);
        ledger.started(message);
        work(serviceNanos);
        ledger.complete(message);
        latency.record(message.sentNanos(), System.nanoTime());
        completed.increment();
    }

    private static void work(long nanos) {
        // parkNanos to the deadline: Thread.sleep rounds to whole milliseconds
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
