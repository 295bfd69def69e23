package io.adaptivesqs.bench;

import io.adaptivesqs.camel.AdaptiveSqsConsumer;
import io.adaptivesqs.camel.ConsumerStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One consumer of the trial's queue: a CamelContext (one machine, in real life) with one route from the contender's
 * endpoint to the simulated service, talking to SQS through an {@link InstrumentedSqsClient}.
 */
final class BenchConsumer {

    static final String CLIENT = "benchSqs";
    private static final String ROUTE = "bench";

    private final CamelContext context;
    private final SqsClient connection;
    private final InstrumentedSqsClient client;
    private final SimulatedService service;
    private final int concurrentConsumers;

    private BenchConsumer(CamelContext context, SqsClient connection, InstrumentedSqsClient client,
                          SimulatedService service, int concurrentConsumers) {
        this.context = context;
        this.connection = connection;
        this.client = client;
        this.service = service;
        this.concurrentConsumers = concurrentConsumers;
    }

    /** Starts consuming under the first phase's conditions. */
    static BenchConsumer start(String name, Contender contender, String queueName, int concurrentConsumers,
                               SqsClient connection, Phase conditions, MessageLedger ledger, LatencyRecorder latency)
            throws Exception {
        InstrumentedSqsClient client = new InstrumentedSqsClient(connection);
        SimulatedService service = new SimulatedService(ledger, latency);
        BenchConsumer consumer = new BenchConsumer(new DefaultCamelContext(), connection, client, service,
                concurrentConsumers);
        consumer.apply(conditions);
        CamelContext context = consumer.context;
        context.getCamelContextExtension().setName(name);
        context.disableJMX();
        // longer than a long poll (waitTimeSeconds=10), which a stop on an empty queue waits for
        context.getShutdownStrategy().setTimeout(20);
        context.getRegistry().bind(CLIENT, client);
        String uri = contender.endpointUri(queueName, concurrentConsumers);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(ROUTE).process(service);
            }
        });
        context.start();
        return consumer;
    }

    /** Sets the service time and round trip from now on. */
    void apply(Phase conditions) {
        service.serviceMillis(conditions.serviceMillis());
        client.receiveRttMillis(conditions.rttMillis());
        client.otherRttMillis(conditions.rttMillis());
    }

    Sample sample(double seconds, int phase, double capacity, double offered, double cpu, double processCpu) {
        CallCounts calls = client.counts();
        ConsumerStatus status = status();
        int pollers = status == null ? concurrentConsumers : status.activePollers();
        double buffer = status == null ? Double.NaN : status.bufferDepth();
        return new Sample(seconds, phase, service.completed(), calls.messagesReceived(), calls.releasedMessages(),
                calls.receiveCalls(), calls.emptyReceives(), calls.nonEmptyReceives(), calls.nonEmptyReceiveNanos(),
                pollers, buffer, capacity, offered, cpu, processCpu);
    }

    /** The supervisor's last reason; empty for stock aws2-sqs, which has none. */
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

    /** The adaptive component's own view, or null for stock aws2-sqs (its pollers are its K threads). */
    private ConsumerStatus status() {
        return context.getRoute(ROUTE).getConsumer() instanceof AdaptiveSqsConsumer adaptive
                ? adaptive.status() : null;
    }

    void stop() {
        try {
            context.stop();
        } finally {
            connection.close();
        }
    }
}
