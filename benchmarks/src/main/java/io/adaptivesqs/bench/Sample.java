package io.adaptivesqs.bench;

import java.util.List;

/**
 * One consumer at one instant of a trial. Counters are cumulative since the trial started; the conditions
 * ({@code phase}, {@code capacity}, {@code offered}) are those in force during the interval that ends with this
 * sample, so the interval between two samples is judged by the later one.
 *
 * @param seconds              time since the trial's consumers started
 * @param phase                index of the scenario phase in force
 * @param completed            exchanges the route finished
 * @param work                 the simulated work done, in messages: those completed, plus the part of its service
 *                             time each message still in the route has had
 * @param received             messages ReceiveMessage returned to this consumer
 * @param released             messages handed back to SQS unprocessed (visibility set to 0)
 * @param receiveCalls         ReceiveMessage calls that returned
 * @param emptyReceives        of those, calls that returned no message
 * @param nonEmptyReceives     of those, calls that returned messages
 * @param nonEmptyReceiveNanos summed round trip of the calls that returned messages
 * @param pollers              polling loops the contender runs by its own count (the adaptive supervisor's active
 *                             pollers; stock aws2-sqs: its concurrentConsumers; Spring: its most concurrent polls)
 * @param bufferDepth          messages in the component's buffer; NaN where there is none
 * @param capacity             this consumer's route capacity, K / service time
 * @param offered              messages per second the producer offers this consumer: its fair share of what is sent
 *                             to the queue; infinite for a backlog
 * @param cpu                  machine CPU load, 0..1 (other processes included: they compete for the same cores)
 * @param processCpu           this JVM's share of it, 0..1 (ElasticMQ runs in it too)
 * @param receivesInFlight     mean ReceiveMessage calls under way during the interval, measured at the client: the
 *                             pollers really running, the same figure for every contender
 * @param receivesInFlightMax  the most under way at once during the interval
 * @param serviceOverrunNanos  over the completed messages, how much longer the route's waits lasted than their service
 *                             times, summed ({@link SimulatedService#overrunNanos()})
 */
record Sample(double seconds, int phase, long completed, double work, long received, long released, long receiveCalls,
              long emptyReceives, long nonEmptyReceives, long nonEmptyReceiveNanos, int pollers, double bufferDepth,
              double capacity, double offered, double cpu, double processCpu, double receivesInFlight,
              int receivesInFlightMax, long serviceOverrunNanos) {

    /** Received and not yet completed nor handed back: in a poller's hands, in a buffer or in the route. */
    long limbo() {
        return received - completed - released;
    }

    double possible() {
        return Capacity.possibleRate(capacity, offered);
    }

    /** The consumers of one trial taken together at the same tick: counts, capacities and offered shares add up. */
    static Sample sum(List<Sample> sameTick) {
        Sample first = sameTick.get(0);
        long completed = 0, received = 0, released = 0, calls = 0, empty = 0, nonEmpty = 0, nonEmptyNanos = 0;
        long overrun = 0;
        double work = 0;
        int pollers = 0, inFlightMax = 0;
        double buffer = 0, capacity = 0, offered = 0, inFlight = 0;
        for (Sample s : sameTick) {
            completed += s.completed;
            work += s.work;
            received += s.received;
            released += s.released;
            calls += s.receiveCalls;
            empty += s.emptyReceives;
            nonEmpty += s.nonEmptyReceives;
            nonEmptyNanos += s.nonEmptyReceiveNanos;
            pollers += s.pollers;
            buffer += s.bufferDepth;
            capacity += s.capacity;
            offered += s.offered;
            inFlight += s.receivesInFlight;
            inFlightMax += s.receivesInFlightMax;
            overrun += s.serviceOverrunNanos;
        }
        return new Sample(first.seconds, first.phase, completed, work, received, released, calls, empty, nonEmpty,
                nonEmptyNanos, pollers, buffer, capacity, offered, first.cpu, first.processCpu, inFlight, inFlightMax,
                overrun);
    }
}
