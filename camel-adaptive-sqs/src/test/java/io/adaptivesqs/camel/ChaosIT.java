package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos: every SQS call the consumer makes (receive, delete, change visibility, queue URL and attributes) fails at
 * random in every way a call can fail, while the route throws, restores the interrupt flag or hangs past the
 * visibility timeout, messages that cannot become an exchange and poison messages sit in the queue, and the route is
 * stopped and started once. Once the faults stop, every message must be completed or in the DLQ, nothing held, no
 * part of the pipeline dead, readiness UP, and no thread left after the route stops.
 * <p>
 * Runs in {@code mvn verify} with a fixed seed ({@code -Dchaos.seed=N} for another) and, with a random seed and more
 * messages, in the soak ({@code -Dsoak}).
 */
@Tag("chaos")
class ChaosIT extends FaultTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosIT.class);
    private static final boolean SOAK = System.getProperty("soak") != null;
    private static final int CONSUMERS = 4;
    private static final int GOOD = SOAK ? 5_000 : 1_000;
    private static final int POISON = 5;
    private static final int UNMAPPABLE = 3;
    private static final int TOP_UP = 100;
    private static final double FAULT_RATE = 0.2;
    private static final double START_FAULT_RATE = 0.5;

    @Test
    void everyMessageIsCompletedOrDeadLetteredWhateverFails() throws Exception {
        long seed = SOAK ? new SplittableRandom().nextLong() : Long.getLong("chaos.seed", 20261201L);
        LOG.info("Chaos seed {} (repeat with -Dchaos.seed={})", seed, seed);
        SplittableRandom routeRandom = new SplittableRandom(seed + 1);
        RedrivenQueue queue = RedrivenQueue.create(server, queueName("chaos"), 2, 4);
        ChaosSqsClient chaos = new ChaosSqsClient(server.client(), seed);
        context.getRegistry().bind("chaos", chaos);
        RouteChaos routeChaos = new RouteChaos(routeRandom);
        CountDownLatch together = new CountDownLatch(CONSUMERS);
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue.name() + "?amazonSQSClient=#chaos&concurrentConsumers=" + CONSUMERS
                     + "&minPollers=2&maxPollers=6&queueSize=10&waitTimeSeconds=1&maxBackoff=400"
                     + "&supervisorInterval=250&messageAttributeNames=All")
                        .routeId("chaos")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            ledger.attempted(id);
                            if (id.startsWith("together")) {
                                // all consumer threads at once, or one of them is gone
                                together.countDown();
                                together.await(20, TimeUnit.SECONDS);
                            } else if (id.startsWith("poison")) {
                                throw new IllegalStateException("poison " + id);
                            } else {
                                routeChaos.disturb(id);
                            }
                            ledger.completed(id);
                        });
            }
        };
        List<String> sent = new ArrayList<>(server.sendNumbered(queue.url(), "good", GOOD));
        sent.addAll(server.sendNumbered(queue.url(), "poison", POISON));
        List<String> unmappable = sendUnmappable(queue.url());
        sent.addAll(unmappable);
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();

        chaos.failRates(FAULT_RATE, START_FAULT_RATE);
        routeChaos.on = true;
        int failedStarts = addUntilStarted(routes, queue.name(), chaos);
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.completedCount() >= GOOD / 3);
        // a stop mid-chaos hands messages back through failing calls; the new endpoint starts through them too
        context.getRouteController().stopRoute("chaos");
        context.removeRoute("chaos");
        failedStarts += addUntilStarted(routes, queue.name(), chaos);
        AdaptiveSqsConsumer consumer = consumerOf("chaos");
        AtomicInteger topUps = new AtomicInteger();
        // the faults come from the consumer's own calls, so a queue that ran dry before every kind met its count
        // would wait for them in vain: it gets more messages, which the books count like the others
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            boolean faultsMet = chaos.faults("receive") >= 20 && chaos.faults("delete") >= 10
                                && chaos.faults("visibility") >= 3;
            if (ledger.completedCount() >= GOOD * 2 / 3 && faultsMet) {
                return true;
            }
            if (!faultsMet && server.visibleAndInFlight(queue.url())[0] == 0) {
                sent.addAll(server.sendNumbered(queue.url(), "more" + topUps.incrementAndGet(), TOP_UP));
            }
            return false;
        });
        chaos.failRates(0, 0);
        routeChaos.on = false;

        // every message completed or moved to the DLQ: the queue empties
        awaitQueueEmpty(queue.url(), Duration.ofSeconds(90));
        AdaptiveSqsConsumer settled = consumer;
        await("limbo back to 0").atMost(Duration.ofSeconds(30)).until(() -> settled.getLimbo() == 0);
        List<String> deadLettered = queue.drainDeadLetters(server.client());
        MessageLedger.Tally tally = ledger.tally(sent, deadLettered);
        tally.report(String.format("chaos (seed %d; failed calls: receive %d of %d, delete %d of %d, visibility %d of"
                + " %d, queue URL and attributes %d of %d, %d failed starts, %d top-ups of %d; route: %s; by kind %s)",
                seed,
                chaos.faults("receive"), chaos.calls("receive"), chaos.faults("delete"), chaos.calls("delete"),
                chaos.faults("visibility"), chaos.calls("visibility"),
                chaos.faults("queueUrl") + chaos.faults("queueAttributes"),
                chaos.calls("queueUrl") + chaos.calls("queueAttributes"), failedStarts, topUps.get(), TOP_UP,
                routeChaos, chaos.faultCounts()));
        assertThat(tally.lost()).isZero();
        assertThat(deadLettered).containsAll(unmappable).containsAll(sent.stream()
                .filter(id -> id.startsWith("poison")).toList());
        assertThat(chaos.faults("receive")).isPositive();
        assertThat(chaos.faults("delete")).isPositive();
        assertThat(failedStarts).as("failed starts").isGreaterThanOrEqualTo(2);

        // every consumer thread and poller still works, and readiness is UP again
        server.sendNumbered(queue.url(), "together", CONSUMERS);
        assertThat(together.await(30, TimeUnit.SECONDS)).as("all %d consumer threads took a message", CONSUMERS)
                .isTrue();
        awaitQueueEmpty(queue.url(), Duration.ofSeconds(30));
        assertThat(consumer.getActivePollers()).isEqualTo(consumer.getTargetPollers()).isGreaterThanOrEqualTo(2);
        await("readiness UP").atMost(Duration.ofSeconds(10)).until(() -> readiness("chaos") == HealthCheck.State.UP);
        assertThat(consumer.getLimbo()).isZero();
        assertThat(consumer.getInflight()).isZero();

        context.getRouteController().stopRoute("chaos");
        AdaptiveSqsThreads.awaitNoneLeft(queue.name());
        // not counted: the embedded server's threads (it stands for SQS), the context's own shutdown pool (Camel
        // keeps it for the next stop) and the thread that waits here
        await("threads back to those at the start").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Thread.getAllStackTraces().keySet().stream().filter(t -> !threadsBefore.contains(t))
                        .map(Thread::getName)
                        .filter(name -> !name.startsWith("elasticmq") && !name.endsWith("ShutdownTask")
                                        && !name.startsWith("awaitility"))
                        .toList()).isEmpty());
    }

    /** Messages SQS accepts whose Number.int attribute does not fit an int: they never become exchanges. */
    private static List<String> sendUnmappable(String url) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < UNMAPPABLE; i++) {
            String body = "unmappable-" + i;
            bodies.add(body);
            server.client().sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(Map.of("count",
                    MessageAttributeValue.builder().dataType("Number.int").stringValue("99999999999").build())));
        }
        return bodies;
    }

    /**
     * Adds the route until its endpoint's start-time calls (queue URL, attributes) get through; returns the failed
     * tries. The first call fails whatever the rate, so every start meets a fault; each failed start must leave no
     * thread of the queue behind. A consumer thread of an earlier instance of the route may still be finishing an
     * exchange that hangs past the stop's timeout: only threads the failed start made count.
     */
    private int addUntilStarted(RouteBuilder routes, String queueName, ChaosSqsClient chaos) throws Exception {
        chaos.failNextStartCall();
        for (int failed = 0; failed < 50; failed++) {
            List<String> earlier = AdaptiveSqsThreads.alive(queueName);
            try {
                context.addRoutes(routes);
                return failed;
            } catch (Exception e) {
                LOG.info("Start failed as it may under chaos: {}", e.getMessage());
                if (context.getRoute("chaos") != null) {
                    context.getRouteController().stopRoute("chaos");
                    context.removeRoute("chaos");
                }
                assertThat(AdaptiveSqsThreads.alive(queueName)).as("threads after a failed start")
                        .isSubsetOf(earlier);
            }
        }
        throw new AssertionError("the route did not start in 50 tries");
    }

    private HealthCheck.State readiness(String routeId) {
        HealthCheckRepository consumers = HealthCheckHelper.getHealthCheckRepository(context, "consumers");
        return consumers.stream().filter(check -> check.getId().equals("consumer:" + routeId))
                .map(check -> check.call().getState()).findFirst().orElseThrow();
    }

    /** What the route does to a message while the chaos lasts: throw, restore the interrupt flag, or hang. */
    private static final class RouteChaos {

        private final SplittableRandom random;
        volatile boolean on;
        private int thrown;
        private int interrupted;
        private int hung;

        RouteChaos(SplittableRandom random) {
            this.random = random;
        }

        void disturb(String id) throws InterruptedException {
            double roll;
            synchronized (this) {
                if (!on) {
                    return;
                }
                roll = random.nextDouble();
                if (roll < 0.05) {
                    thrown++;
                } else if (roll < 0.08) {
                    interrupted++;
                } else if (roll < 0.09) {
                    hung++;
                }
            }
            if (roll < 0.05) {
                throw new IllegalStateException("random failure of " + id);
            } else if (roll < 0.08) {
                Thread.currentThread().interrupt();
            } else if (roll < 0.09) {
                // longer than the visibility timeout: only extensions keep it from being delivered again
                TimeUnit.MILLISECONDS.sleep(3000);
            } else {
                // some work, so that the chaos lasts a while: four consumers take about 400 messages a second
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }

        @Override
        public synchronized String toString() {
            return String.format("%d thrown, %d interrupt flags left, %d hung 3 s", thrown, interrupted, hung);
        }
    }
}
