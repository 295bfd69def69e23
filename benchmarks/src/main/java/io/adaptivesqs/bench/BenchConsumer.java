package io.adaptivesqs.bench;

import io.adaptivesqs.camel.AdaptiveSqsConsumer;
import io.adaptivesqs.camel.ConsumerStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One consumer of the trial's queue (one machine, in real life): a CamelContext with one route from the contender's
 * endpoint to the simulated service, or Spring Cloud AWS's listener container calling the same service, talking to
 * SQS through an {@link InstrumentedSqsClient}.
 */
final class BenchConsumer {

    static final String CLIENT = "benchSqs";
    private static final String ROUTE = "bench";

    private final Contender contender;
    private final SqsClient connection;
    private final InstrumentedSqsClient client;
    private final SimulatedService service;
    private final int concurrentConsumers;
    private CamelContext context;
    private SpringListener spring;
    private AsyncSqsClientAdapter asyncClient;

    private BenchConsumer(Contender contender, SqsClient connection, InstrumentedSqsClient client,
                          SimulatedService service, int concurrentConsumers) {
        this.contender = contender;
        this.connection = connection;
        this.client = client;
        this.service = service;
        this.concurrentConsumers = concurrentConsumers;
    }

    /** Starts consuming under the first phase's conditions. */
    static BenchConsumer start(String name, Contender contender, String queueName, int concurrentConsumers,
                               SqsClient connection, SqsConditions conditions, Phase first, MessageLedger ledger,
                               LatencyRecorder latency, TimerLatency timer) throws Exception {
        InstrumentedSqsClient client = new InstrumentedSqsClient(connection, conditions);
        SimulatedService service = new SimulatedService(ledger, latency, timer);
        BenchConsumer consumer = new BenchConsumer(contender, connection, client, service, concurrentConsumers);
        consumer.apply(first);
        if (contender instanceof Contender.Spring settings) {
            consumer.asyncClient = new AsyncSqsClientAdapter(client);
            consumer.spring = SpringListener.start(name, queueName, consumer.asyncClient,
                    settings.maxConcurrentMessages(concurrentConsumers), concurrentConsumers, service::handle);
        } else {
            consumer.context = camel(name, contender.endpointUri(queueName, concurrentConsumers), client, service);
        }
        return consumer;
    }

    private static CamelContext camel(String name, String uri, InstrumentedSqsClient client,
                                      SimulatedService service) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        context.disableJMX();
        // longer than a long poll (waitTimeSeconds=10), which a stop on an empty queue waits for
        context.getShutdownStrategy().setTimeout(20);
        context.getRegistry().bind(CLIENT, client);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(ROUTE).process(service);
            }
        });
        context.start();
        return context;
    }

    /** Sets the service time and round trip from now on. */
    void apply(Phase conditions) {
        service.serviceMillis(conditions.serviceMillis());
        client.receiveRttMillis(conditions.rttMillis());
        client.otherRttMillis(conditions.rttMillis());
    }

    Sample sample(double seconds, int phase, double capacity, double offered, double cpu, double processCpu) {
        CallCounts calls = client.counts();
        ReceiveConcurrency.Interval inFlight = client.receivesInFlight();
        ConsumerStatus status = status();
        double buffer = status == null ? Double.NaN : status.bufferDepth();
        return new Sample(seconds, phase, service.completed(), service.workDone(), calls.messagesReceived(),
                calls.releasedMessages(), calls.receiveCalls(), calls.emptyReceives(), calls.nonEmptyReceives(),
                calls.nonEmptyReceiveNanos(), ownPollerCount(status), buffer, capacity, offered, cpu, processCpu,
                inFlight.mean(), inFlight.max(), service.overrunNanos());
    }

    /** The pollers by the contender's own count: the supervisor's, aws2-sqs's K threads, Spring's most polls. */
    private int ownPollerCount(ConsumerStatus status) {
        if (status != null) {
            return status.activePollers();
        }
        if (contender instanceof Contender.Spring settings) {
            return Math.max(1, settings.maxConcurrentMessages(concurrentConsumers) / Capacity.BATCH);
        }
        return concurrentConsumers;
    }

    /** The supervisor's last reason; empty for the others, which have none. */
    String lastDecision() {
        ConsumerStatus status = status();
        return status == null ? "" : status.lastDecision();
    }

    CallCounts counts() {
        return client.counts();
    }

    long completed() {
        return service.completed();
    }

    /** The adaptive component's own view, or null for the other contenders. */
    private ConsumerStatus status() {
        return context != null && context.getRoute(ROUTE).getConsumer() instanceof AdaptiveSqsConsumer adaptive
                ? adaptive.status() : null;
    }

    void stop() {
        try {
            if (spring != null) {
                spring.close();
                asyncClient.close();
            } else {
                context.stop();
            }
        } finally {
            connection.close();
        }
    }
}
