package io.adaptivesqs.bench;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The route's work: waits the current service time, as a call to a database or a web service would, then books the
 * message. It waits rather than computes so that K consumers really take K / service time messages a second on two
 * cores, and it wakes as early as the machine's timer wakes late ({@link TimerLatency}), so that the wait really
 * lasts the service time. The service time can change while the route runs.
 * <p>
 * One message's wait varies around the service time, by up to {@value #SPREAD} of it either way, as no real call
 * takes the same time twice. A wait that never varied would keep consumers that started together in step for the
 * whole trial: their timers would fire together, and on two cores each would wait for the others to run first (on
 * this machine a median 0.15 ms after the timer fired, against 0.03 ms for consumers that start one at a time), which
 * charges a contender for how quickly it starts its consumers. The waits follow a golden-ratio sequence rather than
 * random draws: any thousand messages in a row average the service time within 0.03% (random draws would miss by
 * 0.12% as often as not), so the spread adds no noise to the throughput.
 */
final class SimulatedService implements Processor {

    /** How far one message's wait may lie from the service time, as a share of it, either way. */
    static final double SPREAD = 0.1;
    /** The fractional part of the golden ratio: multiples of it fill the unit interval most evenly. */
    private static final double GOLDEN = 0.6180339887498949;

    private final MessageLedger ledger;
    private final LatencyRecorder latency;
    private final TimerLatency timer;
    /** Messages in the timed wait, each as its start and service time (an array: identity is what tells them apart). */
    private final Set<long[]> inService = new HashSet<>();
    /** Guarded by {@link #inService}: a message leaves it and counts as completed in one step. */
    private long completed;
    /** Guarded by {@link #inService}: over the completed messages, how much longer their waits were than asked. */
    private long overrunNanos;
    private volatile long serviceNanos;
    private final AtomicLong started = new AtomicLong();

    SimulatedService(MessageLedger ledger, LatencyRecorder latency, TimerLatency timer) {
        this.ledger = ledger;
        this.latency = latency;
        this.timer = timer;
    }

    void serviceMillis(double millis) {
        this.serviceNanos = TimerLatency.nanos(millis);
    }

    long completed() {
        synchronized (inService) {
            return completed;
        }
    }

    /**
     * Over the completed messages, how much longer their waits lasted than they were to last, summed (negative
     * where they ended early): what the machine's timer did to the route while this contender ran. The wait ends as
     * early as the timer woke late when it was measured; a timer that wakes sooner or later under a contender's load
     * shortens or lengthens every one of its messages, by the same amount whatever the contender does with them.
     */
    long overrunNanos() {
        synchronized (inService) {
            return overrunNanos;
        }
    }

    /** Messages completed, plus for each message in service the part of its service time it has had so far. */
    double workDone() {
        long now = System.nanoTime();
        synchronized (inService) {
            double done = completed;
            for (long[] service : inService) {
                done += service[1] > 0 ? Math.min(1.0, (double) (now - service[0]) / service[1]) : 0;
            }
            return done;
        }
    }

    /**
     * The wait of the {@code index}-th message started, for a service time of {@code meanNanos}: within
     * {@value #SPREAD} of it either way, spread evenly over that band by the golden-ratio sequence.
     */
    static long waitNanos(long meanNanos, long index) {
        double position = (index * GOLDEN) % 1.0;
        return meanNanos + (long) ((2 * position - 1) * SPREAD * meanNanos);
    }

    @Override
    public void process(Exchange exchange) {
        handle(exchange.getIn().getBody(String.class));
    }

    /** The work on one message body, for a contender that is not a Camel route. */
    void handle(String body) {
        BenchMessage message = BenchMessage.parse(body);
        ledger.started(message);
        long mean = serviceNanos;
        long[] service = {System.nanoTime(), waitNanos(mean, started.getAndIncrement())};
        synchronized (inService) {
            inService.add(service);
        }
        boolean done = false;
        long overrun = 0;
        try {
            TimerLatency.parkUntil(service[0] + service[1] - timer.lateNanos(mean));
            overrun = System.nanoTime() - service[0] - service[1];
            ledger.complete(message);
            latency.record(message.sentNanos(), System.nanoTime());
            done = true;
        } finally {
            synchronized (inService) {
                inService.remove(service);
                if (done) {
                    completed++;
                    overrunNanos += overrun;
                }
            }
        }
    }
}
