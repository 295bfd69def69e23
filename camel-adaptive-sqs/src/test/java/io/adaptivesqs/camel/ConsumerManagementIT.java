package io.adaptivesqs.camel;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer's live state as JMX attributes and as a readiness health check.
 */
class ConsumerManagementIT extends CamelTestSupport {

    @RegisterExtension
    static final ElasticMqFixture sqs = new ElasticMqFixture();

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("sqs", sqs.server().client());
    }

    @Test
    void exposesTheSupervisorStateAsJmxAttributes() throws Exception {
        String url = sqs.server().createQueue("managed", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:managed?minPollers=2&maxPollers=4&supervisorInterval=200&waitTimeSeconds=1")
                        .routeId("managed").to("log:managed?level=OFF");
            }
        });
        sqs.server().sendNumbered(url, "j", 50);
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.apache.camel:type=consumers,*"), null);
        ObjectName consumer = names.stream().filter(n -> n.toString().contains("AdaptiveSqsConsumer")).findFirst()
                .orElseThrow(() -> new AssertionError("no adaptive-sqs consumer MBean among " + names));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> (Long) mbeans.getAttribute(consumer, "CompletedCount") == 50L);
        assertThat(mbeans.getAttribute(consumer, "ReceivedCount")).isEqualTo(50L);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> (Long) mbeans.getAttribute(consumer, "DeletedCount") == 50L);
        assertThat(mbeans.getAttribute(consumer, "FailedCount")).isEqualTo(0L);
        assertThat(mbeans.getAttribute(consumer, "ReleasedCount")).isEqualTo(0L);
        assertThat(mbeans.getAttribute(consumer, "ReceiveErrors")).isEqualTo(0L);
        // every message came in a receive call; the drained queue's long polls come back empty
        assertThat((Long) mbeans.getAttribute(consumer, "ReceiveCalls")).isGreaterThanOrEqualTo(5L);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> (Long) mbeans.getAttribute(consumer, "EmptyReceives") > 0L);
        assertThat((Long) mbeans.getAttribute(consumer, "EmptyReceives"))
                .isLessThan((Long) mbeans.getAttribute(consumer, "ReceiveCalls"));
        // the queue is drained: the supervisor settles at minPollers
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(mbeans.getAttribute(consumer, "ActivePollers")).isEqualTo(2);
            assertThat(mbeans.getAttribute(consumer, "TargetPollers")).isEqualTo(2);
        });
        assertThat((Double) mbeans.getAttribute(consumer, "ServiceTimeMillis")).isPositive();
        assertThat((Double) mbeans.getAttribute(consumer, "ReceiveRttMillis")).isPositive();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !((String) mbeans.getAttribute(consumer, "LastDecision")).isEmpty()
                             && !"starting".equals(mbeans.getAttribute(consumer, "LastDecision")));
        assertThat(mbeans.getAttribute(consumer, "Limbo")).isEqualTo(0);
        // what the supervisor last sized pollers with
        assertThat((Double) mbeans.getAttribute(consumer, "SupplyPerPoller")).isPositive();
    }

    @Test
    void readsTheQueuesBacklogForTheSupervisor() throws Exception {
        String url = sqs.server().createQueue("backlogged", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        sqs.server().sendNumbered(url, "b", 60);
        CountDownLatch open = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:backlogged?minPollers=1&maxPollers=1&queueSize=1&waitTimeSeconds=1"
                     + "&backlogCheckInterval=1s")
                        .routeId("backlogged").process(exchange -> open.await());
            }
        });
        AdaptiveSqsConsumer consumer = (AdaptiveSqsConsumer) context.getRoute("backlogged").getConsumer();

        // one in the route, one in the buffer, one batch in the poller's hands: the rest is still in the queue
        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(consumer.status().backlog()).isBetween(60L - 12, 60L - 2));
        open.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.status().completed() == 60);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.status().backlog() == 0);
    }

    @Test
    void reportsReadinessUpWhileReceivesSucceed() throws Exception {
        sqs.server().createQueue("healthy", Map.of());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:healthy?waitTimeSeconds=1").routeId("healthy").to("log:healthy?level=OFF");
            }
        });

        // camel-main registers this repository when health checks are on; here we ask for it
        HealthCheckRepository consumers = HealthCheckHelper.getHealthCheckRepository(context, "consumers");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                consumers.stream().filter(check -> check.getId().equals("consumer:healthy"))
                        .map(check -> check.call().getState()))
                .containsExactly(HealthCheck.State.UP));
    }
}
