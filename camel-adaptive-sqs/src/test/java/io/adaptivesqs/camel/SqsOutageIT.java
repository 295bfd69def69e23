package io.adaptivesqs.camel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 2. SQS becomes unreachable while pollers run, and comes back: a network partition (a TCP proxy that resets every
 * connection; ElasticMQ keeps its state), and a restart of ElasticMQ on the same port (which loses its in-memory
 * queues, so the test creates the queue again). Pollers back off and log once per streak, the health check goes
 * DOWN then UP, and the consumer recovers by itself without losing what it had received.
 */
class SqsOutageIT extends CamelTestSupport {

    private static final String RECEIVE_FAILED = "failed, backing off";
    private static final String RECEIVE_RECOVERED = "recovered after";

    private static EmbeddedElasticMq server;

    private final MessageLedger ledger = new MessageLedger();

    @BeforeAll
    static void startServer() {
        server = EmbeddedElasticMq.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static SqsClient clientFor(int port) {
        return SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    /**
     * The consumer's readiness as Camel reports it: its check "consumer:&lt;routeId&gt;" in the consumers repository
     * (which camel-main registers when health checks are on; here the test asks for it). Empty if there is none.
     */
    private Optional<HealthCheck.State> readiness(String routeId) {
        HealthCheckHelper.getHealthCheckRepository(context, "consumers");
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals("consumer:" + routeId))
                .map(HealthCheck.Result::getState)
                .findFirst();
    }

    /**
     * Waits until the pollers see receives failing (or succeeding again), and notes what the health check reports
     * then. The waits go by what the pollers observe, so that the rest of the test runs even when the health check
     * misbehaves; what it reported is asserted at the end.
     */
    private void awaitReceivesFailing(AdaptiveSqsConsumer consumer, boolean failing,
                                      List<Optional<HealthCheck.State>> reported) {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.receiveHealth().isFailing() == failing);
        HealthCheck.State expected = failing ? HealthCheck.State.DOWN : HealthCheck.State.UP;
        String routeId = consumer.getRouteId();
        if (readiness(routeId).isPresent()) {
            // the check reads the same state; allow for a poller recovering just now
            await().atMost(Duration.ofSeconds(5)).until(() -> readiness(routeId).orElseThrow() == expected);
        }
        reported.add(readiness(routeId));
    }

    private void addRoute(String routeId, String queue, String clientName) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?amazonSQSClient=#" + clientName + "&concurrentConsumers=4"
                     + "&maxPollers=4&waitTimeSeconds=1&supervisorInterval=250&maxBackoff=1000")
                        .routeId(routeId)
                        .process(e -> ledger.attempted(e.getIn().getBody(String.class)))
                        .delay(20).syncDelayed()
                        .process(e -> ledger.completed(e.getIn().getBody(String.class)));
            }
        });
    }

    @Test
    void networkPartitionMidRunIsSurvived() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("partition");
        String url = server.createQueue(queue, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"));
        try (TcpProxy proxy = TcpProxy.start(server.endpoint().getPort());
             SqsClient throughProxy = clientFor(proxy.port());
             CapturedLog log = CapturedLog.capture()) {
            try {
                context.getRegistry().bind("throughProxy", throughProxy);
                addRoute("partition", queue, "throughProxy");
                AdaptiveSqsConsumer consumer = (AdaptiveSqsConsumer) context.getRoute("partition").getConsumer();
                List<String> sent = server.sendNumbered(url, "np", 1000);
                List<Optional<HealthCheck.State>> readiness = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> ledger.completedCount() >= 100);
                awaitReceivesFailing(consumer, false, readiness);

                int completedAtCut = ledger.completedCount();
                long errorsAtCut = consumer.status().receiveErrors();
                proxy.cut();
                awaitReceivesFailing(consumer, true, readiness);
                // the partition lasts a few seconds, and receiving keeps failing throughout while pollers keep trying
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> consumer.receiveHealth().isFailing());
                long errorsDuringCut = consumer.status().receiveErrors() - errorsAtCut;
                proxy.restore();

                awaitReceivesFailing(consumer, false, readiness);
                await().atMost(Duration.ofSeconds(90)).until(() -> ledger.completedCount() == sent.size());
                await().atMost(Duration.ofSeconds(30)).untilAsserted(
                        () -> assertThat(server.visibleAndInFlight(url)).containsExactly(0, 0));
                MessageLedger.Tally tally = ledger.tally(sent, List.of()).report(String.format(
                        "2a network partition (3 s or more, %d receive errors, %d of %d completed when cut)",
                        errorsDuringCut, completedAtCut, sent.size()));

                assertThat(errorsDuringCut).isPositive();
                assertThat(tally.lost()).isZero();
                // the streak is logged once when it starts and once when it ends, however many pollers fail meanwhile
                assertThat(log.find(Level.WARN, RECEIVE_FAILED)).hasSize(1);
                assertThat(log.find(Level.INFO, RECEIVE_RECOVERED)).hasSize(1);
                assertThat(readiness).as("readiness before, during and after the partition")
                        .containsExactly(Optional.of(HealthCheck.State.UP), Optional.of(HealthCheck.State.DOWN),
                                Optional.of(HealthCheck.State.UP));
            } finally {
                // stop receiving before the proxy and the client go away
                context.stop();
            }
        }
    }

    /**
     * ElasticMQ is stopped mid-run and started again on the same port. It keeps messages in memory, so those it
     * held are gone with it (the server's loss, not the consumer's); what counts is that every message the consumer
     * had received completes, and that the consumer picks up once the queue exists again.
     */
    @Test
    void elasticMqRestartOnTheSamePortIsSurvived() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("restart");
        Map<QueueAttributeName, String> attributes = Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5");
        try (RestartableElasticMq restarting = RestartableElasticMq.start(); CapturedLog log = CapturedLog.capture()) {
            try {
                String url = restarting.createQueue(queue, attributes);
                context.getRegistry().bind("restarting", restarting.client());
                addRoute("restart", queue, "restarting");
                AdaptiveSqsConsumer consumer = (AdaptiveSqsConsumer) context.getRoute("restart").getConsumer();
                List<Optional<HealthCheck.State>> readiness = new ArrayList<>();
                List<String> before = restarting.sendNumbered(url, "before", 2000);
                await().atMost(Duration.ofSeconds(60)).until(() -> ledger.completedCount() >= 100);
                awaitReceivesFailing(consumer, false, readiness);

                restarting.stop();
                awaitReceivesFailing(consumer, true, readiness);
                // what the consumer held (in the route, in the buffer) still goes through while SQS is away
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getInflight() == 0
                                                                   && consumer.getBufferDepth() == 0);
                List<String> receivedBefore = before.stream().filter(id -> ledger.attempts(id) > 0).toList();

                restarting.restart();
                // ElasticMQ keeps queues in memory: the restarted server has to be given the queue again
                assertThat(restarting.createQueue(queue, attributes)).isEqualTo(url);
                awaitReceivesFailing(consumer, false, readiness);
                List<String> after = restarting.sendNumbered(url, "after", 100);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> after.stream().allMatch(id -> ledger.completions(id) > 0));
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(restarting.visibleAndInFlight(url)).containsExactly(0, 0));

                List<String> received = new ArrayList<>(receivedBefore);
                received.addAll(after);
                MessageLedger.Tally tally = ledger.tally(received, List.of()).report(String.format(
                        "2b ElasticMQ restart on the same port (%d sent before it, %d of them received before it; the "
                        + "other %d went down with ElasticMQ's memory; 100 sent after it)", before.size(),
                        receivedBefore.size(), before.size() - receivedBefore.size()));
                assertThat(tally.lost()).as("received by the consumer but never completed").isZero();
                assertThat(after).allSatisfy(id -> assertThat(ledger.completions(id)).isEqualTo(1));
                assertThat(log.find(Level.WARN, RECEIVE_FAILED)).hasSize(1);
                assertThat(log.find(Level.INFO, RECEIVE_RECOVERED)).hasSize(1);
                assertThat(readiness).as("readiness before, during and after the restart")
                        .containsExactly(Optional.of(HealthCheck.State.UP), Optional.of(HealthCheck.State.DOWN),
                                Optional.of(HealthCheck.State.UP));
            } finally {
                // stop receiving before the server goes away for good
                context.stop();
            }
        }
    }

    /** ElasticMQ that can be stopped and started again on the same port, losing its in-memory queues. */
    private static final class RestartableElasticMq implements SqsTestServer {
        private final int port;
        private final SqsClient client;
        private SQSRestServer server;

        private RestartableElasticMq(SQSRestServer server, int port) {
            this.server = server;
            this.port = port;
            this.client = clientFor(port);
        }

        static RestartableElasticMq start() {
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
            return new RestartableElasticMq(server, server.waitUntilStarted().localAddress().getPort());
        }

        void stop() {
            server.stopAndWait();
            server = null;
        }

        void restart() {
            server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start();
            server.waitUntilStarted();
        }

        @Override
        public SqsClient client() {
            return client;
        }

        @Override
        public URI endpoint() {
            return URI.create("http://127.0.0.1:" + port);
        }

        @Override
        public void close() {
            client.close();
            if (server != null) {
                server.stopAndWait();
            }
        }
    }
}
