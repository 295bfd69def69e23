package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What an adaptive-sqs consumer must do against a real SQS server. Each server (ElasticMQ in the JVM, LocalStack
 * where Docker runs) gets a subclass that supplies it; the bodies are the same.
 */
abstract class AdaptiveSqsConsumerContract extends CamelTestSupport {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    /** The server shared by the subclass's tests. */
    abstract SqsTestServer server();

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        // the one SqsClient in the registry: adaptive-sqs endpoints pick it up without naming it
        registry.bind("sqs", server().client());
    }

    static String uniqueQueueName(String purpose) {
        return purpose + "-" + ProcessHandle.current().pid() + "-" + QUEUES.incrementAndGet();
    }

    String createQueue(String name, int visibilityTimeoutSeconds) {
        return server().createQueue(name,
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)));
    }

    void awaitQueueEmpty(String queueUrl) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(server().visibleAndInFlight(queueUrl)).containsExactly(0, 0));
    }

    AdaptiveSqsConsumer consumerOf(String routeId) {
        return (AdaptiveSqsConsumer) context.getRoute(routeId).getConsumer();
    }

    @Test
    void aMissingQueueFailsTheRouteStartClearly() {
        String queue = uniqueQueueName("missing");

        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue).to("log:never");
            }
        })).satisfies(e -> assertThat(messages(e))
                .contains("SQS queue '" + queue + "' does not exist; create it, or set autoCreateQueue=true"));
    }

    @Test
    void autoCreateQueueCreatesAMissingQueue() throws Exception {
        String queue = uniqueQueueName("created");
        CountDownLatch received = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?autoCreateQueue=true&waitTimeSeconds=1").process(e -> received.countDown());
            }
        });

        String url = server().client().getQueueUrl(b -> b.queueName(queue)).queueUrl();
        server().client().sendMessage(b -> b.queueUrl(url).messageBody("first"));

        assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aQueueUrlWorksInPlaceOfTheName() throws Exception {
        String queue = uniqueQueueName("by-url");
        String url = createQueue(queue, 30);
        CountDownLatch received = new CountDownLatch(3);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + url + "?waitTimeSeconds=1").process(e -> received.countDown());
            }
        });

        server().sendNumbered(url, "u", 3);

        assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
        awaitQueueEmpty(url);
    }

    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    @Test
    void everyMessageIsProcessedExactlyOnceAndDeleted() throws Exception {
        String queue = uniqueQueueName("exactly-once");
        String url = createQueue(queue, 30);
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?concurrentConsumers=4&maxPollers=4&waitTimeSeconds=1")
                        .process(e -> seen.computeIfAbsent(e.getIn().getBody(String.class), b -> new AtomicInteger())
                                .incrementAndGet());
            }
        });
        NotifyBuilder done = new NotifyBuilder(context).whenCompleted(300).create();

        List<String> sent = server().sendNumbered(url, "m", 300);

        assertThat(done.matches(60, TimeUnit.SECONDS)).as("300 exchanges completed").isTrue();
        awaitQueueEmpty(url);
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(seen.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(consumerOf(context.getRoutes().get(0).getRouteId()).status().deleted()).isEqualTo(300);
    }

    @Test
    void inflightNeverExceedsConcurrentConsumersWhenTheRouteContinuesAsynchronously() throws Exception {
        String queue = uniqueQueueName("async");
        String url = createQueue(queue, 30);
        AtomicInteger inRoute = new AtomicInteger();
        AtomicInteger mostInRoute = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the delay hands the exchange to another thread: the consumer thread is free at once
                from("adaptive-sqs:" + queue + "?concurrentConsumers=3&waitTimeSeconds=1")
                        .process(e -> mostInRoute.accumulateAndGet(inRoute.incrementAndGet(), Math::max))
                        .delay(20).asyncDelayed()
                        .process(e -> inRoute.decrementAndGet());
            }
        });
        NotifyBuilder done = new NotifyBuilder(context).whenCompleted(60).create();

        server().sendNumbered(url, "a", 60);

        assertThat(done.matches(60, TimeUnit.SECONDS)).isTrue();
        assertThat(mostInRoute.get()).isEqualTo(3);
    }

    @Test
    void setsTheSameHeadersAsAws2Sqs() throws Exception {
        String queue = uniqueQueueName("headers");
        String url = createQueue(queue, 30);
        Map<String, Object> headers = new ConcurrentHashMap<>();
        CountDownLatch received = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?messageAttributeNames=All&attributeNames=ApproximateReceiveCount"
                     + "&waitTimeSeconds=1")
                        .process(e -> {
                            headers.putAll(e.getIn().getHeaders());
                            received.countDown();
                        });
            }
        });

        String messageId = server().client().sendMessage(b -> b.queueUrl(url).messageBody("hello")
                .messageAttributes(Map.of("tenant", MessageAttributeValue.builder().dataType("String")
                        .stringValue("acme").build())))
                .messageId();

        assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(headers).containsEntry(Sqs2Constants.MESSAGE_ID, messageId)
                .containsKey(Sqs2Constants.RECEIPT_HANDLE)
                .containsKey(Sqs2Constants.MD5_OF_BODY)
                .containsEntry("tenant", "acme")
                .containsEntry("ApproximateReceiveCount", "1");
    }

    @Test
    void failedExchangesAreNotDeletedAndComeBack() throws Exception {
        String queue = uniqueQueueName("redelivery");
        String url = createQueue(queue, 1);
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?concurrentConsumers=2&waitTimeSeconds=1")
                        .process(e -> {
                            int attempt = attempts.computeIfAbsent(e.getIn().getBody(String.class),
                                    b -> new AtomicInteger()).incrementAndGet();
                            if (attempt == 1) {
                                throw new IllegalStateException("first attempt fails on purpose");
                            }
                        });
            }
        });

        List<String> sent = server().sendNumbered(url, "r", 20);

        awaitQueueEmpty(url);
        assertThat(attempts.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(attempts.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(2));
    }

    @Test
    void processingLongerThanTheVisibilityTimeoutIsNotRedelivered() throws Exception {
        String queue = uniqueQueueName("slow");
        String url = createQueue(queue, 30);
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        Set<String> receiveCounts = ConcurrentHashMap.newKeySet();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // two consumers, a buffer of two: messages also wait in the buffer longer than the timeout
                from("adaptive-sqs:" + queue + "?visibilityTimeout=2&concurrentConsumers=2&queueSize=2"
                     + "&attributeNames=ApproximateReceiveCount&waitTimeSeconds=1")
                        .process(e -> {
                            seen.computeIfAbsent(e.getIn().getBody(String.class), b -> new AtomicInteger())
                                    .incrementAndGet();
                            receiveCounts.add(e.getIn().getHeader("ApproximateReceiveCount", String.class));
                        })
                        .delay(3500).syncDelayed();
            }
        });
        NotifyBuilder done = new NotifyBuilder(context).whenCompleted(6).create();

        List<String> sent = server().sendNumbered(url, "s", 6);

        assertThat(done.matches(60, TimeUnit.SECONDS)).isTrue();
        awaitQueueEmpty(url);
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(seen.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(receiveCounts).containsExactly("1");
    }

    @Test
    void stoppingHandsBufferedMessagesBackAtOnce() throws Exception {
        String queue = uniqueQueueName("stop");
        // an hour: anything not handed back would stay invisible far longer than this test waits
        String url = createQueue(queue, 3600);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Set<String> completed = ConcurrentHashMap.newKeySet();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?concurrentConsumers=1&queueSize=5&maxPollers=1&waitTimeSeconds=1")
                        .routeId("stop")
                        .process(e -> {
                            busy.countDown();
                            finish.await(30, TimeUnit.SECONDS);
                            completed.add(e.getIn().getBody(String.class));
                        });
            }
        });
        server().sendNumbered(url, "b", 30);
        assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
        AdaptiveSqsConsumer consumer = consumerOf("stop");
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getBufferDepth() == 5);

        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("stop", 30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        // buffered messages (and the batch the poller held) are visible again while the exchange still runs
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(server().visibleAndInFlight(url)).containsExactly(29, 1));
        finish.countDown();
        stopper.join(30_000);

        assertThat(stopper.isAlive()).as("the route is still stopping").isFalse();
        assertThat(context.getRouteController().getRouteStatus("stop").isStopped()).isTrue();
        // the in-flight exchange finished and its delete was flushed before the route stopped
        assertThat(completed).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(server().visibleAndInFlight(url)).containsExactly(29, 0));
    }

    @Test
    void aBufferOfOneWorks() throws Exception {
        String queue = uniqueQueueName("buffer-of-one");
        String url = createQueue(queue, 30);
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?queueSize=1&concurrentConsumers=3&maxPollers=3&waitTimeSeconds=1")
                        .process(e -> seen.computeIfAbsent(e.getIn().getBody(String.class), b -> new AtomicInteger())
                                .incrementAndGet());
            }
        });

        List<String> sent = server().sendNumbered(url, "one", 100);

        awaitQueueEmpty(url);
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(seen.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }

    @Test
    void scalesUpUnderLoadAndBackDownWhenTheQueueDrains() throws Exception {
        String queue = uniqueQueueName("scaling");
        String url = createQueue(queue, 30);
        LatencySqsClient slow = new LatencySqsClient(server().client(), 50);
        context.getRegistry().bind("slowSqs", slow);
        server().sendNumbered(url, "load", 4000);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // 8 consumers at ~4 ms: ~2000/s; one poller at 10 per ~50 ms: ~200/s
                from("adaptive-sqs:" + queue + "?amazonSQSClient=#slowSqs&concurrentConsumers=8&minPollers=1&maxPollers=10"
                     + "&supervisorInterval=250&waitTimeSeconds=1")
                        .routeId("scaling").delay(4).syncDelayed();
            }
        });
        AdaptiveSqsConsumer consumer = consumerOf("scaling");

        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getActivePollers() >= 4);
        awaitQueueEmpty(url);
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getActivePollers() == 1);
        assertThat(consumer.status().completed()).isEqualTo(4000);
        assertThat(slow.receiveCalls()).isPositive();
    }

    /**
     * Real SQS often answers a receive of 10 with fewer although thousands wait. Those partial batches are not a
     * drained queue: one poller bringing about 3 per round trip supplies a tenth of what the consumers take, so the
     * supervisor must add pollers, and still fall back once the queue is empty.
     */
    @Test
    void partialBatchesWithABacklogAreNotReadAsADrainedQueue() throws Exception {
        String queue = uniqueQueueName("partial");
        String url = createQueue(queue, 30);
        LatencySqsClient partial = new LatencySqsClient(server().client(), 50).partialBatches(5);
        context.getRegistry().bind("partialSqs", partial);
        server().sendNumbered(url, "partial", 3000);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // 8 consumers at ~4 ms: ~2000/s; one poller at 3 per ~50 ms: ~60/s
                from("adaptive-sqs:" + queue + "?amazonSQSClient=#partialSqs&concurrentConsumers=8&minPollers=1"
                     + "&maxPollers=12&supervisorInterval=250&waitTimeSeconds=1")
                        .routeId("partial").delay(4).syncDelayed();
            }
        });
        AdaptiveSqsConsumer consumer = consumerOf("partial");

        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getActivePollers() >= 8);
        awaitQueueEmpty(url);
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getActivePollers() == 1);
        assertThat(consumer.status().completed()).isEqualTo(3000);
    }
}
