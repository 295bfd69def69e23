package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the consumer must survive without losing a message, against ElasticMQ embedded in the JVM: a graceful stop
 * mid-flight, an abrupt one, and a stop on a thread Camel has just interrupted.
 */
class StopFaultsIT extends FaultTestSupport {

    /**
     * 4. Graceful stop with busy consumers, a full buffer and pollers holding batches: buffered and held messages go
     * back at once, in-flight exchanges finish and are deleted; a restart then takes the rest. Nothing lost, nothing
     * twice.
     */
    @Test
    void gracefulStopMidFlightLosesAndDuplicatesNothing() throws Exception {
        String name = queueName("graceful-stop");
        // an hour: a message not handed back would stay invisible far longer than the test waits
        String url = createQueue(name, 3600);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger busy = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?concurrentConsumers=4&queueSize=10&minPollers=3&maxPollers=3"
                     + "&waitTimeSeconds=1&attributeNames=ApproximateReceiveCount")
                        .routeId("graceful")
                        .process(e -> {
                            ledger.attempted(e.getIn().getBody(String.class));
                            busy.incrementAndGet();
                            release.await(60, TimeUnit.SECONDS);
                            ledger.completed(e.getIn().getBody(String.class));
                        });
            }
        });
        List<String> sent = server.sendNumbered(url, "gs", 100);
        AdaptiveSqsConsumer consumer = consumerOf("graceful");
        await().atMost(Duration.ofSeconds(30)).until(() -> busy.get() == 4 && consumer.getBufferDepth() == 10);
        // besides 4 in the route and 10 in the buffer, the pollers hold what the buffer has no room for
        await().atMost(Duration.ofSeconds(30)).until(() -> server.visibleAndInFlight(url)[1] > 14);

        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("graceful", 60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        // everything but the four exchanges in the route is visible again while they still run
        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(server.visibleAndInFlight(url)).containsExactly(96, 4));
        assertThat(ledger.completedCount()).isZero();
        release.countDown();
        stopper.join(60_000);
        assertThat(stopper.isAlive()).isFalse();
        // the four finished and their deletes were flushed before the route reported stopped
        assertThat(ledger.completedCount()).isEqualTo(4);
        assertThat(server.visibleAndInFlight(url)).containsExactly(96, 0);

        context.getRouteController().startRoute("graceful");
        awaitQueueEmpty(url, Duration.ofSeconds(60));
        MessageLedger.Tally tally = ledger.tally(sent, List.of());
        tally.report("4 graceful stop mid-flight (4 in the route, 10 buffered, rest held by 3 pollers)");
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
        // handed back without processing does not count against a message: each was processed once
        assertThat(sent).allSatisfy(id -> assertThat(ledger.attempts(id)).as("attempts of %s", id).isEqualTo(1));
    }

    /**
     * 5. Abrupt stop: the route hangs and the context stops with a one-second shutdown timeout, so exchanges never
     * finish. Buffered messages go back at once; the hung ones come back once their visibility times out, and a new
     * consumer takes everything that was not finished.
     */
    @Test
    void abruptStopLosesNothing() throws Exception {
        String name = queueName("abrupt-stop");
        String url = createQueue(name, 2);
        AtomicBoolean hang = new AtomicBoolean();
        CountDownLatch unhang = new CountDownLatch(1);
        Set<String> hung = ConcurrentHashMap.newKeySet();
        context.getShutdownStrategy().setTimeout(1);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?concurrentConsumers=4&queueSize=10&minPollers=2&maxPollers=2"
                     + "&waitTimeSeconds=1")
                        .routeId("abrupt")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            ledger.attempted(id);
                            if (ledger.completedCount() >= 20) {
                                hang.set(true);
                            }
                            if (hang.get()) {
                                hung.add(id);
                                unhang.await(120, TimeUnit.SECONDS);
                                // a killed consumer never finishes its exchange
                                throw new IllegalStateException("killed");
                            }
                            ledger.completed(id);
                        });
            }
        });
        List<String> sent = server.sendNumbered(url, "as", 80);
        AdaptiveSqsConsumer consumer = consumerOf("abrupt");
        await().atMost(Duration.ofSeconds(30)).until(() -> hung.size() == 4 && consumer.getBufferDepth() == 10);
        Set<String> completedBeforeStop = ledger.completedIds();

        context.stop();
        Set<String> hungAtStop = Set.copyOf(hung);

        Map<String, String> receiveCounts = new ConcurrentHashMap<>();
        CamelContext recovery = new DefaultCamelContext();
        try {
            recovery.getRegistry().bind("sqs", server.client());
            recovery.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("adaptive-sqs:" + name + "?concurrentConsumers=4&waitTimeSeconds=1"
                         + "&attributeNames=ApproximateReceiveCount")
                            .process(e -> {
                                String id = e.getIn().getBody(String.class);
                                ledger.attempted(id);
                                receiveCounts.put(id, e.getIn().getHeader("ApproximateReceiveCount", String.class));
                                ledger.completed(id);
                            });
                }
            });
            recovery.start();
            awaitQueueEmpty(url, Duration.ofSeconds(60));
        } finally {
            unhang.countDown();
            recovery.stop();
        }
        MessageLedger.Tally tally = ledger.tally(sent, List.of());
        tally.report("5 abrupt stop (4 exchanges hung, shutdown timeout 1 s)");

        assertThat(completedBeforeStop).hasSizeGreaterThanOrEqualTo(20);
        assertThat(hungAtStop).hasSize(4);
        assertThat(tally.lost()).isZero();
        // the hung messages were never deleted: each came back, received a second time
        assertThat(hungAtStop).allSatisfy(id -> {
            assertThat(ledger.completions(id)).as("completions of %s", id).isEqualTo(1);
            assertThat(Integer.parseInt(receiveCounts.get(id))).as("receive count of %s", id).isGreaterThan(1);
        });
        // what completed before the stop was deleted before the stop
        assertThat(completedBeforeStop).allSatisfy(id -> assertThat(receiveCounts).doesNotContainKey(id));
        assertThat(tally.duplicates()).isZero();
    }

    /**
     * 5, continued. When the shutdown timeout cuts Camel's wait short, its shutdown task is interrupted and may go on
     * to stop the consumer on that same, interrupted thread. The consumer must still stop everything it started:
     * once the hung exchanges end, none of its threads may be left.
     */
    @Test
    void stopOnAnInterruptedThreadStillEndsEveryThread() throws Exception {
        String name = queueName("interrupted-stop");
        String url = createQueue(name, 2);
        CountDownLatch unhang = new CountDownLatch(1);
        AtomicInteger hung = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?concurrentConsumers=2&minPollers=2&maxPollers=2&waitTimeSeconds=1")
                        .routeId("interrupted")
                        .process(e -> {
                            hung.incrementAndGet();
                            unhang.await(60, TimeUnit.SECONDS);
                            throw new IllegalStateException("killed");
                        });
            }
        });
        server.sendNumbered(url, "is", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> hung.get() == 2);
        AdaptiveSqsConsumer consumer = consumerOf("interrupted");

        // what Camel's shutdown task does after "Interrupted while waiting during graceful shutdown"
        Thread stopper = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                consumer.stop();
            } catch (RuntimeException e) {
                // reported through the threads it leaves, below
            }
        });
        stopper.start();
        stopper.join(30_000);
        unhang.countDown();

        assertThat(stopper.isAlive()).isFalse();
        AdaptiveSqsThreads.awaitNoneLeft(name);
    }

    /**
     * 5, continued. When Camel's shutdown wait for hung exchanges times out, the consumer's own stop must not wait
     * for them a second time: the whole stop takes about one shutdown timeout, not two.
     */
    @Test
    void aStopAfterCamelsWaitTimedOutDoesNotWaitAgain() throws Exception {
        String name = queueName("timed-out-stop");
        String url = createQueue(name, 30);
        CountDownLatch unhang = new CountDownLatch(1);
        AtomicInteger hung = new AtomicInteger();
        context.getShutdownStrategy().setTimeout(4);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?concurrentConsumers=2&minPollers=1&maxPollers=1&waitTimeSeconds=1")
                        .routeId("timed-out")
                        .process(e -> {
                            hung.incrementAndGet();
                            unhang.await(60, TimeUnit.SECONDS);
                        });
            }
        });
        server.sendNumbered(url, "ts", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> hung.get() == 2);

        long start = System.nanoTime();
        try {
            context.getRouteController().stopRoute("timed-out");
        } finally {
            unhang.countDown();
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // one 4 s wait plus at most a long poll's end; waiting twice took 8 s and more
        assertThat(tookMillis).as("stop took %d ms", tookMillis).isBetween(3_500L, 7_000L);
        AdaptiveSqsThreads.awaitNoneLeft(name);
    }

    /**
     * Suspend hands buffered messages back at once and receives nothing more; the exchange in the route finishes and
     * is deleted; resume takes the rest. Nothing lost, nothing twice.
     */
    @Test
    void suspendHandsBackAndReceivesNothingUntilResumed() throws Exception {
        String name = queueName("suspend");
        String url = createQueue(name, 3600);
        CountDownLatch release = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?concurrentConsumers=1&queueSize=5&minPollers=1&maxPollers=1"
                     + "&waitTimeSeconds=1")
                        .routeId("suspended")
                        .process(e -> {
                            ledger.attempted(e.getIn().getBody(String.class));
                            release.await(60, TimeUnit.SECONDS);
                            ledger.completed(e.getIn().getBody(String.class));
                        });
            }
        });
        List<String> sent = server.sendNumbered(url, "su", 30);
        AdaptiveSqsConsumer consumer = consumerOf("suspended");
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getBufferDepth() == 5);

        Thread suspender = new Thread(() -> {
            try {
                context.getRouteController().suspendRoute("suspended", 60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        suspender.start();
        // all but the one in the route are visible again while it still runs
        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(server.visibleAndInFlight(url)).containsExactly(29, 1));
        release.countDown();
        suspender.join(30_000);
        assertThat(suspender.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(server.visibleAndInFlight(url)).containsExactly(29, 0));
        long receiveCalls = consumer.status().receiveCalls();
        assertThat(consumer.getActivePollers()).isZero();
        await("no receive while suspended").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> consumer.status().receiveCalls() == receiveCalls
                             && server.visibleAndInFlight(url)[0] == 29);

        context.getRouteController().resumeRoute("suspended");
        awaitQueueEmpty(url, Duration.ofSeconds(60));
        MessageLedger.Tally tally = ledger.tally(sent, List.of())
                .report("suspend mid-flight and resume (1 in the route, 5 buffered, the rest held by the poller)");
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
        assertThat(sent).allSatisfy(id -> assertThat(ledger.attempts(id)).as("attempts of %s", id).isEqualTo(1));
    }
}
