package io.adaptivesqs.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One contender facing one scenario, top to bottom: a fresh queue, its backlog, the consumers, then phase after
 * phase the conditions change while a sample of every consumer is taken each tick, and at the end the books on
 * every message id are closed.
 */
final class Trial {

    private static final Logger LOG = LoggerFactory.getLogger(Trial.class);
    static final double TICK_SECONDS = 0.25;
    /** How long a trial that should end with an empty queue waits for its last messages. */
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final AtomicInteger QUEUES = new AtomicInteger();
    /** Every contender of a scenario faces the same draws: the seed depends on the scenario and consumer only. */
    private static final long SEED = 20261201L;

    private final Scenario scenario;
    private final Contender contender;
    private final ElasticMq sqs;
    private final Teardown teardown;
    private final Progress progress;
    private final TimerLatency timer;
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    Trial(Scenario scenario, Contender contender, ElasticMq sqs, Teardown teardown, TimerLatency timer,
          Progress progress) {
        this.scenario = scenario;
        this.contender = contender;
        this.sqs = sqs;
        this.teardown = teardown;
        this.progress = progress;
        this.timer = timer;
    }

    TrialRecord run() throws Exception {
        String queueName = "bench-" + QUEUES.incrementAndGet() + "-" + scenario.name() + "-" + contender.label()
                           + (scenario.fifo() ? ".fifo" : "");
        String queueUrl = sqs.createQueue(queueName, scenario.fifo());
        MessageLedger ledger = new MessageLedger();
        LatencyRecorder latency = new LatencyRecorder();

        try (Producer producer = new Producer(sqs.client(), queueUrl, ledger, seed(scenario, 0))) {
            long setUp = System.nanoTime();
            producer.prefill(scenario.prefill(), scenario.fifoGroups());
            List<BenchConsumer> consumers = startConsumers(queueName, ledger, latency);
            LOG.info("Trial {} / {}: {} messages pre-filled and {} consumer(s) started in {} ms", scenario.title(),
                    contender.label(), scenario.prefill(), consumers.size(), millisSince(setUp));

            Timeline timeline = new Timeline(consumers.size());
            List<String> decisions = runPhases(consumers, producer, ledger, timeline);
            producer.stop();

            long closing = System.nanoTime();
            MessageLedger.Accounting accounting = closeBooks(consumers, ledger, queueUrl);
            LOG.info("Trial {} / {}: books closed in {} ms: {}", scenario.title(), contender.label(),
                    millisSince(closing), accounting);
            return new TrialRecord(scenario, contender, timeline, accounting, latency.millisAt(50),
                    latency.millisAt(99), consumers.stream().map(BenchConsumer::counts).toList(), decisions);
        }
    }

    private List<BenchConsumer> startConsumers(String queueName, MessageLedger ledger, LatencyRecorder latency)
            throws Exception {
        List<BenchConsumer> consumers = new ArrayList<>();
        for (int i = 1; i <= scenario.consumers(); i++) {
            SqsConditions conditions = SqsConditions.of(scenario.mode(), seed(scenario, i));
            consumers.add(BenchConsumer.start("bench-" + i, contender, queueName, scenario.concurrentConsumers(),
                    sqs.newClient(), conditions, scenario.phases().get(0), ledger, latency, timer));
        }
        return consumers;
    }

    /**
     * What the producer offers: the phase's rate, or at random arrivals what it sent since the last sample, so that
     * "could have been completed" counts the messages sent, not their mean.
     */
    private static final class Offered {
        private final MessageLedger ledger;
        private long sentBefore;
        private double secondsBefore;

        /** Once the backlog is in: what comes after is what the phases offer. */
        Offered(MessageLedger ledger) {
            this.ledger = ledger;
            this.sentBefore = ledger.sent();
        }

        double perSecond(Phase phase, double seconds) {
            long sent = ledger.sent();
            double perSecond = phase.randomArrivals() && seconds > secondsBefore
                               ? (sent - sentBefore) / (seconds - secondsBefore) : phase.offered();
            sentBefore = sent;
            secondsBefore = seconds;
            return perSecond;
        }
    }

    static long seed(Scenario scenario, int consumer) {
        return SEED * 31 + (scenario.name().hashCode() * 31L + consumer) * 31 + scenario.mode().ordinal();
    }

    /**
     * Phase after phase: set the conditions on every consumer and the producer, then sample every tick until the
     * phase is over. Returns the supervisor's reasons at each phase's end.
     */
    private List<String> runPhases(List<BenchConsumer> consumers, Producer producer, MessageLedger ledger,
                                   Timeline timeline) {
        List<String> decisions = new ArrayList<>();
        long start = System.nanoTime();
        Offered offered = new Offered(ledger);
        sampleAll(consumers, timeline, start, 0, offered);
        long tick = 0;
        for (int p = 0; p < scenario.phases().size(); p++) {
            Phase phase = scenario.phases().get(p);
            timeline.phaseStarted();
            consumers.forEach(c -> c.apply(phase));
            producer.offer(phase);
            long ticks = Math.round(phase.seconds() / TICK_SECONDS);
            for (long t = 0; t < ticks && !(phase.untilDrained() && ledger.outstanding() == 0); t++) {
                tick++;
                sleepUntil(start + (long) (tick * TICK_SECONDS * 1e9));
                sampleAll(consumers, timeline, start, p, offered);
            }
            consumers.stream().map(BenchConsumer::lastDecision).filter(reason -> !reason.isEmpty())
                    .forEach(reason -> decisions.add(phase.name() + ": " + reason));
        }
        return decisions;
    }

    private void sampleAll(List<BenchConsumer> consumers, Timeline timeline, long start, int phaseIndex,
                           Offered offers) {
        Phase phase = scenario.phases().get(phaseIndex);
        double seconds = seconds(start);
        double capacity = phase.capacity(scenario.parallelism());
        // each consumer is offered its fair share of what the producer sends
        double offered = offers.perSecond(phase, seconds) / consumers.size();
        double cpu = os.getCpuLoad();
        double processCpu = os.getProcessCpuLoad();
        for (int i = 0; i < consumers.size(); i++) {
            timeline.add(i, consumers.get(i).sample(seconds, phaseIndex, capacity, offered, cpu, processCpu));
        }
        progress.tick(phase.name(), seconds, timeline.total());
    }

    /**
     * Where the queue should end empty, waits for the last messages and books by id, stopping the consumers in the
     * background; otherwise stops them first, then counts what is left in the queue.
     */
    private MessageLedger.Accounting closeBooks(List<BenchConsumer> consumers, MessageLedger ledger,
                                                String queueUrl) {
        boolean shouldDrain = scenario.prefill() == 0 || scenario.phases().stream().anyMatch(Phase::untilDrained);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (shouldDrain && ledger.outstanding() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        if (ledger.outstanding() == 0) {
            teardown.stopLater(consumers, queueUrl);
            return ledger.account(0);
        }
        teardown.stopNow(consumers);
        MessageLedger.Accounting accounting = ledger.account(sqs.messagesIn(queueUrl));
        teardown.deleteLater(queueUrl);
        return accounting;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
