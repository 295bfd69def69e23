package io.adaptivesqs.runner;

import java.util.List;

import io.adaptivesqs.camel.AdaptiveSqsConsumer;
import io.adaptivesqs.camel.ConsumerStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The adaptive-sqs consumers of the running routes.
 */
final class AdaptiveConsumers {

    /**
     * One consumer and the route it feeds.
     */
    record Watched(String routeId, AdaptiveSqsConsumer consumer) {

        ConsumerStatus status() {
            return consumer.status();
        }
    }

    private AdaptiveConsumers() {
    }

    static List<Watched> in(CamelContext context) {
        return context.getRoutes().stream()
                .filter(route -> route.getConsumer() instanceof AdaptiveSqsConsumer)
                .map(AdaptiveConsumers::watch)
                .toList();
    }

    static Watched watch(Route route) {
        return new Watched(route.getRouteId(), (AdaptiveSqsConsumer) route.getConsumer());
    }
}
