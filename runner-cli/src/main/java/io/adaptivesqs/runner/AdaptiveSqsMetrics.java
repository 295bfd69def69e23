package io.adaptivesqs.runner;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.adaptivesqs.camel.AdaptiveSqsConsumer;
import io.adaptivesqs.camel.ConsumerStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Publishes every adaptive-sqs consumer's {@link ConsumerStatus} as Micrometer meters (Prometheus names
 * {@code adaptive_sqs_*}, tagged with queue and routeId), registered as routes start and removed as they stop, so
 * reloaded routes are followed too. camel-main adds it as an event notifier because it is bound in the registry.
 */
final class AdaptiveSqsMetrics extends EventNotifierSupport {

    private static final String PREFIX = "adaptive.sqs.";

    private MeterRegistry registry;

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStartedEvent || event instanceof CamelEvent.RouteStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Route route = ((RouteEvent) event).getRoute();
        if (!(route.getConsumer() instanceof AdaptiveSqsConsumer consumer) || !registryFound(route)) {
            return;
        }
        Tags tags = Tags.of("queue", consumer.status().queue(), "routeId", route.getRouteId());
        if (event instanceof CamelEvent.RouteStartedEvent) {
            register(consumer, tags);
        } else {
            remove(tags);
        }
    }

    private boolean registryFound(Route route) {
        if (registry == null) {
            // bound by camel-micrometer-prometheus while camel-main configures, before any route starts
            registry = route.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        }
        return registry != null;
    }

    private void register(AdaptiveSqsConsumer consumer, Tags tags) {
        Meters meters = new Meters(consumer, tags);
        meters.gauge("pollers.active", "Polling loops running now", ConsumerStatus::activePollers);
        meters.gauge("pollers.target", "Polling loops the supervisor asked for", ConsumerStatus::targetPollers);
        meters.gauge("buffer.depth", "Messages waiting in the buffer", ConsumerStatus::bufferDepth);
        meters.gauge("inflight", "Exchanges in the route now", ConsumerStatus::inflight);
        meters.gauge("limbo", "Messages received and not yet deleted or released", ConsumerStatus::limbo);
        meters.gauge("service.time.ms", "Smoothed time an exchange spends in the route",
                ConsumerStatus::serviceTimeMillis);
        meters.gauge("receive.rtt.ms", "Smoothed round trip of a ReceiveMessage call that brought half a batch",
                ConsumerStatus::receiveRttMillis);
        meters.gauge("receive.backlog.batch", "Smoothed messages a ReceiveMessage call brings while a backlog waits",
                ConsumerStatus::backlogBatch);
        meters.gauge("backlog", "The queue's ApproximateNumberOfMessages as last read, -1 while unknown",
                ConsumerStatus::backlog);
        meters.counter("messages.received", "Messages received", ConsumerStatus::received);
        meters.counter("messages.completed", "Exchanges completed", ConsumerStatus::completed);
        meters.counter("messages.failed", "Exchanges failed", ConsumerStatus::failed);
        meters.counter("messages.deleted", "Messages deleted", ConsumerStatus::deleted);
        meters.counter("messages.released", "Messages handed back unprocessed", ConsumerStatus::released);
        meters.counter("receive.calls", "ReceiveMessage calls", ConsumerStatus::receiveCalls);
        meters.counter("receive.empty", "ReceiveMessage calls without messages", ConsumerStatus::emptyReceives);
        meters.counter("receive.waited", "ReceiveMessage calls that waited in a long poll for messages",
                ConsumerStatus::waitedReceives);
        meters.counter("receive.errors", "ReceiveMessage calls that failed", ConsumerStatus::receiveErrors);
    }

    private void remove(Tags tags) {
        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith(PREFIX))
                .filter(meter -> tags.stream()
                        .allMatch(tag -> tag.getValue().equals(meter.getId().getTag(tag.getKey()))))
                .toList();
        meters.forEach(registry::remove);
    }

    /** Registers the meters of one consumer: each reads its value from a fresh status when scraped. */
    private final class Meters {
        private final AdaptiveSqsConsumer consumer;
        private final Tags tags;

        Meters(AdaptiveSqsConsumer consumer, Tags tags) {
            this.consumer = consumer;
            this.tags = tags;
        }

        void gauge(String name, String description, ToDoubleFunction<ConsumerStatus> value) {
            Gauge.builder(PREFIX + name, consumer, c -> value.applyAsDouble(c.status()))
                    .description(description).tags(tags).register(registry);
        }

        void counter(String name, String description, ToDoubleFunction<ConsumerStatus> value) {
            FunctionCounter.builder(PREFIX + name, consumer, c -> value.applyAsDouble(c.status()))
                    .description(description).tags(tags).register(registry);
        }
    }
}
