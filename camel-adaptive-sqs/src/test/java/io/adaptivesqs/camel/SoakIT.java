package io.adaptivesqs.camel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The soak: 100,000 messages (or {@code -Dsoak.messages=N}) through one adaptive-sqs route while things go wrong,
 * then the figures. Not part of {@code mvn verify}; run it with
 * {@code mvn -B verify -pl camel-adaptive-sqs -Dsoak}.
 * <ul>
 * <li>1 message in 1000 is poison (always fails) and must end in the DLQ (maxReceiveCount 4);</li>
 * <li>1% of processing attempts fail at random and are redelivered;</li>
 * <li>5% of receives fail (500 or throttled) and 2% of delete batches fail;</li>
 * <li>mid-run, SQS becomes unreachable for 5 s. This stands in for a server restart: a restart of ElasticMQ loses
 * every message it holds in memory, which would make "lost" meaningless, so the soak cuts every connection with a
 * TCP proxy instead (to the consumer it looks the same: connections reset, then refused, then back).</li>
 * </ul>
 * Prints: messages sent, completed, sent to the DLQ, duplicated, lost (must be 0), peak threads and heap.
 */
@Tag("soak")
class SoakIT extends CamelTestSupport {

    private static final int MESSAGES = Integer.getInteger("soak.messages", 100_000);
    private static final int POISON_EVERY = 1000;
    private static final double RANDOM_FAILURE_RATE = 0.01;
    private static final Duration CUT = Duration.ofSeconds(5);
    private static final int SENDERS = 4;

    @RegisterExtension
    static final ElasticMqFixture sqs = new ElasticMqFixture();

    private final MessageLedger ledger = new MessageLedger();

    private static boolean isPoison(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % POISON_EVERY == POISON_EVERY / 2;
    }

    @Test
    void soak() throws Exception {
        EmbeddedElasticMq server = sqs.server();
        RedrivenQueue queue = RedrivenQueue.create(server, AdaptiveSqsConsumerContract.uniqueQueueName("soak"), 3, 4);
        AtomicLong randomFailures = new AtomicLong();
        Peaks peaks = new Peaks();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(peaks::sample, 0, 250, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        TcpProxy proxy = sqs.proxy();
        try {
            FaultInjectingSqsClient faulty = new FaultInjectingSqsClient(sqs.clientThrough(proxy), 7)
                    .failReceives(0.05).failDeletes(0.02);
            context.getRegistry().bind("soakClient", faulty);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // failures are the point here: no redelivery inside the route, SQS redelivers
                    errorHandler(noErrorHandler());
                    from("adaptive-sqs:" + queue.name() + "?amazonSQSClient=#soakClient&concurrentConsumers=16"
                         + "&maxPollers=10&queueSize=20&waitTimeSeconds=1&supervisorInterval=500&maxBackoff=2000")
                            .routeId("soak")
                            .process(e -> {
                                String id = e.getIn().getBody(String.class);
                                ledger.attempted(id);
                                if (isPoison(id)) {
                                    throw new IllegalStateException("poison " + id);
                                }
                                if (ThreadLocalRandom.current().nextDouble() < RANDOM_FAILURE_RATE) {
                                    randomFailures.incrementAndGet();
                                    throw new IllegalStateException("random failure of " + id);
                                }
                                ledger.completed(id);
                            });
                }
            });

            AdaptiveSqsConsumer consumer = (AdaptiveSqsConsumer) context.getRoute("soak").getConsumer();

            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<String> sent;
            long cutAt;
            try {
                List<Future<List<String>>> sending = send(senders, queue.url());
                // mid-run, while messages still arrive: cut for CUT, checking that the pollers see it all along
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ledger.completedCount() >= MESSAGES / 2);
                cutAt = ledger.completedCount();
                proxy.cut();
                await().during(CUT).atMost(CUT.plusSeconds(30)).until(() -> consumer.receiveHealth().isFailing());
                proxy.restore();
                sent = new ArrayList<>(MESSAGES);
                for (Future<List<String>> part : sending) {
                    sent.addAll(part.get(10, TimeUnit.MINUTES));
                }
            } finally {
                senders.shutdownNow();
            }
            long poison = sent.stream().filter(SoakIT::isPoison).count();

            // done when every message is either completed or in the DLQ, and nothing is left in flight
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ledger.completedCount() + server.visibleAndInFlight(queue.deadLetterUrl())[0]
                                 >= MESSAGES && Arrays.equals(server.visibleAndInFlight(queue.url()), new int[2]));
            double seconds = (System.nanoTime() - start) / 1e9;
            ConsumerStatus status = consumer.status();
            context.getRouteController().stopRoute("soak");
            List<String> deadLettered = queue.drainDeadLetters(server.client());
            MessageLedger.Tally tally = ledger.tally(sent, deadLettered);
            peaks.sample();

            String report = String.format(Locale.ROOT, """
                    ==== adaptive-sqs soak ====
                    messages sent        %,d
                    completed            %,d
                    sent to DLQ          %,d   (poison sent: %d)
                    duplicated           %,d
                    lost                 %,d
                    redeliveries         %,d   (random processing failures: %,d)
                    injected errors      %,d of %,d receives, %,d of %,d delete batches
                    network cut          %d s after %,d completed (stands in for a server restart)
                    duration             %.0f s (%.0f messages/s)
                    pollers at the end   %d active, supervisor: %s
                    peak threads         %d in the JVM (ElasticMQ included), %d adaptive-sqs
                    peak heap used       %,d MB (max %,d MB)
                    ===========================""",
                    tally.sent(), tally.completed(), tally.deadLettered(), poison, tally.duplicates(), tally.lost(),
                    tally.redelivered(), randomFailures.get(), faulty.failedReceives(), faulty.receiveCalls(),
                    faulty.failedDeletes(), faulty.deleteCalls(), CUT.toSeconds(), cutAt, seconds,
                    MESSAGES / seconds, status.activePollers(), status.lastDecision(), peaks.threads(),
                    peaks.adaptiveSqsThreads(), peaks.heapBytes() >> 20,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20);
            System.out.println(report);

            assertThat(tally.lost()).as("lost").isZero();
            assertThat(deadLettered).as("dead-lettered").allSatisfy(id -> assertThat(isPoison(id)).isTrue());
            assertThat(tally.completed() + tally.deadLettered()).isEqualTo(MESSAGES);
        } finally {
            sampler.shutdownNow();
        }
    }

    /** Sends bodies "soak-0" ... "soak-(MESSAGES-1)", ten per call, spread over the senders. */
    private static List<Future<List<String>>> send(ExecutorService senders, String url) {
        List<Future<List<String>>> parts = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int first = s * MESSAGES / SENDERS;
            int last = (s + 1) * MESSAGES / SENDERS;
            parts.add(senders.submit(() -> {
                List<String> bodies = new ArrayList<>(last - first);
                for (int from = first; from < last; from += 10) {
                    List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(last, from + 10); i++) {
                        String body = "soak-" + i;
                        bodies.add(body);
                        batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i - from))
                                .messageBody(body).build());
                    }
                    var response = sqs.server().client().sendMessageBatch(b -> b.queueUrl(url).entries(batch));
                    if (!response.failed().isEmpty()) {
                        throw new IllegalStateException("Could not send soak messages: " + response.failed());
                    }
                }
                return bodies;
            }));
        }
        return parts;
    }

    /** Peak thread count and heap use, sampled. */
    private static final class Peaks {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile int threadPeak;
        private volatile int adaptiveSqsThreadPeak;
        private volatile long heapPeak;

        synchronized void sample() {
            threadPeak = Math.max(threadPeak, threads.getThreadCount());
            adaptiveSqsThreadPeak = Math.max(adaptiveSqsThreadPeak, AdaptiveSqsThreads.alive().size());
            heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
        }

        int threads() {
            return threadPeak;
        }

        int adaptiveSqsThreads() {
            return adaptiveSqsThreadPeak;
        }

        long heapBytes() {
            return heapPeak;
        }
    }
}
