package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults the consumer must survive without losing a message, against ElasticMQ embedded in the JVM: failing and
 * poison messages, injected receive and delete errors, slow processing. Every message
 * carries a unique id (its body); each test counts completed, redelivered, dead-lettered, lost and duplicated.
 * Stops are in {@link StopFaultsIT}, network partitions and server restarts in {@link SqsOutageIT}.
 */
class AdaptiveSqsFaultsIT extends FaultTestSupport {

    /** The signals of a supervisor tick, as {@link Signals#toString()} prints them. */
    private static final Pattern TICK_RECEIVES = Pattern.compile("receives \\d+ \\(\\d+ empty, \\d+ waited, (\\d+) failed\\)");
    /** A starving decision's reason: demand, supply per poller and the ideal poller count it settled on. */
    private static final Pattern STARVING =
            Pattern.compile("demand (\\d+)/s, supply (\\d+)/s per poller, ([\\d.]+) pollers ideal");

    /** 1. One message in ten always fails: the others complete once, the failing ones end in the DLQ. */
    @Test
    void failingMessagesAreRedeliveredAndEndInTheDeadLetterQueue() throws Exception {
        RedrivenQueue queue = RedrivenQueue.create(server, queueName("processor-failures"), 2, 3);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue.name() + "?concurrentConsumers=4&maxPollers=4&waitTimeSeconds=1"
                     + "&supervisorInterval=250")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            ledger.attempted(id);
                            if (failsAlways(id)) {
                                throw new IllegalStateException("processing " + id + " fails on purpose");
                            }
                            ledger.completed(id);
                        });
            }
        });

        List<String> sent = server.sendNumbered(queue.url(), "pf", 200);
        Set<String> failing = new HashSet<>(sent.stream().filter(AdaptiveSqsFaultsIT::failsAlways).toList());

        // SQS moves a message to the DLQ on the receive after its third, so the queue empties only once all have
        awaitQueueEmpty(queue.url(), Duration.ofSeconds(90));
        List<String> deadLettered = queue.drainDeadLetters(server.client());
        MessageLedger.Tally tally = ledger.tally(sent, deadLettered);
        tally.report("1 processor failures (1 in 10 always fails, maxReceiveCount 3)");

        assertThat(failing).hasSize(20);
        assertThat(deadLettered).containsExactlyInAnyOrderElementsOf(failing);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
        for (String id : sent) {
            if (failing.contains(id)) {
                assertThat(ledger.attempts(id)).as("attempts of %s", id).isEqualTo(3);
                assertThat(ledger.completions(id)).as("completions of %s", id).isZero();
            } else {
                assertThat(ledger.attempts(id)).as("attempts of %s", id).isEqualTo(1);
                assertThat(ledger.completions(id)).as("completions of %s", id).isEqualTo(1);
            }
        }
    }

    private static boolean failsAlways(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % 10 == 3;
    }

    /**
     * 3. A fifth of the receives fail (500 or throttled) and some delete batches fail. Nothing is lost; a delete
     * that fails for good only means a redelivery.
     */
    @Test
    void injectedReceiveAndDeleteErrorsLoseNothing() throws Exception {
        InjectedErrorsRun run = runWithInjectedErrors();

        assertThat(run.faulty().failedReceives()).isPositive();
        assertThat(run.faulty().failedDeletes()).isPositive();
        assertThat(run.tally().lost()).isZero();
        assertThat(run.status().receiveErrors()).isEqualTo(run.faulty().failedReceives());
        // a failed delete batch is retried while its messages are kept invisible: none comes back, none twice
        assertThat(run.tally().redelivered()).isZero();
        assertThat(run.tally().duplicates()).isZero();
        assertThat(run.status().completed()).isEqualTo(run.tally().sent());
        assertThat(run.status().deleted()).isEqualTo(run.tally().sent());
    }

    /**
     * 3, continued. The route, not supply, is the bottleneck (one poller brings far more than four consumers take),
     * so the pauses that receive errors cause must not read as demand. Consumers idle while a poller backs off; on a
     * tick with failed receives a poller may be added only when demand / supply per poller alone asks for it, never
     * from the idle consumers. (Before the policy learnt this, the same run climbed to 6 pollers, each step on a
     * tick with failed receives; without errors it stays at the minimum.)
     */
    @Test
    void receiveErrorsAreNotReadAsDemand() throws Exception {
        InjectedErrorsRun run = runWithInjectedErrors();

        assertThat(run.tally().lost()).isZero();
        List<CapturedLog.Line> ticksWithErrors = run.ticks().stream()
                .filter(line -> failedReceives(line.message()) > 0).toList();
        assertThat(ticksWithErrors).as("supervisor ticks that saw failed receives").isNotEmpty();
        List<CapturedLog.Line> scaledUp = ticksWithErrors.stream().filter(line -> line.message().contains(", up: "))
                .toList();
        assertThat(scaledUp).as("scale-ups on ticks with failed receives").allSatisfy(line -> {
            Matcher why = STARVING.matcher(line.message());
            assertThat(why.find()).as("reason in: %s", line.message()).isTrue();
            double model = Double.parseDouble(why.group(1)) / Double.parseDouble(why.group(2));
            // the rates are printed rounded; the ideal must be the model's, not the idle consumers'
            assertThat(Double.parseDouble(why.group(3))).as(line.message()).isLessThanOrEqualTo(model * 1.05 + 0.1);
        });
    }

    /** {@code ticks}: every supervisor decision of the run with its signals, logged at DEBUG or, on a change, INFO. */
    private record InjectedErrorsRun(FaultInjectingSqsClient faulty, MessageLedger.Tally tally, ConsumerStatus status,
            List<CapturedLog.Line> ticks) {
    }

    /** 1000 messages through a route whose client fails 20% of receives and 15% of delete batches. */
    private InjectedErrorsRun runWithInjectedErrors() throws Exception {
        String name = queueName("injected-errors");
        String url = createQueue(name, 3);
        FaultInjectingSqsClient faulty = new FaultInjectingSqsClient(server.client(), 42)
                .failReceives(0.2).failDeletes(0.15);
        context.getRegistry().bind("faulty", faulty);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // 4 consumers at ~10 ms: ~400/s; one poller brings 10 per few ms when SQS answers
                from("adaptive-sqs:" + name + "?amazonSQSClient=#faulty&concurrentConsumers=4&maxPollers=8"
                     + "&queueSize=40&waitTimeSeconds=1&supervisorInterval=250&maxBackoff=400")
                        .routeId("injected")
                        .process(e -> ledger.attempted(e.getIn().getBody(String.class)))
                        .delay(10).syncDelayed()
                        .process(e -> ledger.completed(e.getIn().getBody(String.class)));
            }
        });
        List<String> sent;
        List<CapturedLog.Line> ticks;
        try (CapturedLog log = CapturedLog.capture(org.apache.logging.log4j.Level.DEBUG, Supervisor.class.getName())) {
            sent = server.sendNumbered(url, "ie", 1000);
            awaitQueueEmpty(url, Duration.ofSeconds(120));
            ticks = log.lines().stream()
                    .filter(l -> l.logger().equals(Supervisor.class.getName()) && TICK_RECEIVES.matcher(l.message())
                            .find())
                    .toList();
        }
        long scaleUps = ticks.stream().filter(l -> l.message().contains(", up: ")).count();
        MessageLedger.Tally tally = ledger.tally(sent, List.of()).report(String.format(
                "3 injected errors (%d of %d receives failed, %d of %d delete batches failed; %d scale-ups)",
                faulty.failedReceives(), faulty.receiveCalls(), faulty.failedDeletes(), faulty.deleteCalls(),
                scaleUps));
        return new InjectedErrorsRun(faulty, tally, consumerOf("injected").status(), ticks);
    }

    /** The failed receives of the tick a supervisor line reports. */
    private static int failedReceives(String supervisorLine) {
        Matcher matcher = TICK_RECEIVES.matcher(supervisorLine);
        assertThat(matcher.find()).as("signals in: %s", supervisorLine).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * 6. Processing takes longer than the visibility timeout, and messages wait in the buffer and in a poller's
     * hands longer than it too: the keeper extends them all, so none is delivered twice.
     */
    @Test
    void slowProcessingIsNotRedelivered() throws Exception {
        String name = queueName("slow-processing");
        String url = createQueue(name, 30);
        Map<String, String> receiveCounts = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // 9 messages in one batch: 3 in the route, 3 in the buffer and 3 held by the poller, for 3 s each
                from("adaptive-sqs:" + name + "?visibilityTimeout=2&concurrentConsumers=3&queueSize=3&minPollers=1"
                     + "&maxPollers=1&waitTimeSeconds=1&attributeNames=ApproximateReceiveCount")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            ledger.attempted(id);
                            receiveCounts.merge(id, e.getIn().getHeader("ApproximateReceiveCount", String.class),
                                    (a, b) -> a + "," + b);
                        })
                        .delay(3000).syncDelayed()
                        .process(e -> ledger.completed(e.getIn().getBody(String.class)));
            }
        });

        List<String> sent = server.sendNumbered(url, "sp", 9);
        awaitQueueEmpty(url, Duration.ofSeconds(90));
        MessageLedger.Tally tally = ledger.tally(sent, List.of());
        tally.report("6 slow processing (3 s per message, visibility timeout 2 s, up to 9 s in limbo)");
        assertThat(tally.lost()).isZero();
        assertThat(tally.redelivered()).isZero();
        assertThat(tally.duplicates()).isZero();
        assertThat(receiveCounts.values()).containsOnly("1");
    }

    /**
     * 7. A poison message fails every time: it is retried a bounded number of times, ends in the DLQ, and the one
     * consumer behind a buffer of one keeps taking the other messages meanwhile.
     */
    @Test
    void poisonMessageEndsInTheDeadLetterQueueWithoutStallingTheRest() throws Exception {
        RedrivenQueue queue = RedrivenQueue.create(server, queueName("poison"), 2, 3);
        List<String> events = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue.name() + "?concurrentConsumers=1&queueSize=1&minPollers=1&maxPollers=1"
                     + "&waitTimeSeconds=1")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            int attempt = ledger.attempted(id);
                            if (id.equals("poison")) {
                                events.add("poison attempt " + attempt);
                                throw new IllegalStateException("poison");
                            }
                            ledger.completed(id);
                            events.add("completed " + id);
                        });
            }
        });

        server.client().sendMessage(b -> b.queueUrl(queue.url()).messageBody("poison"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.attempts("poison") == 1);
        List<String> good = server.sendNumbered(queue.url(), "good", 50);
        awaitQueueEmpty(queue.url(), Duration.ofSeconds(60));
        List<String> deadLettered = queue.drainDeadLetters(server.client());
        List<String> sent = new ArrayList<>(good);
        sent.add("poison");
        MessageLedger.Tally tally = ledger.tally(sent, deadLettered);
        tally.report("7 poison message (always fails, maxReceiveCount 3, 1 consumer, buffer of 1)");

        assertThat(deadLettered).containsExactly("poison");
        assertThat(ledger.attempts("poison")).isEqualTo(3);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
        assertThat(good).allSatisfy(id -> assertThat(ledger.attempts(id)).isEqualTo(1));
        // the others went through while the poison message waited out its visibility timeouts (2 s each)
        int lastGood = good.stream().mapToInt(id -> events.indexOf("completed " + id)).max().orElseThrow();
        assertThat(lastGood).isLessThan(events.indexOf("poison attempt 3"));
    }
}
