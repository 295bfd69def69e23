package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.Suspendable;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The Camel side of an adaptive-sqs consumer: runs the {@link Pipeline} through Camel's lifecycle, turns SQS
 * messages into exchanges ({@link SqsMessageMapping}), and exposes the live state.
 * <p>
 * On stop or suspend, receiving stops at once and buffered messages go back to SQS (visibility 0); exchanges in the
 * route finish, and their deletes are flushed before the consumer reports stopped.
 */
@ManagedResource(description = "Managed adaptive-sqs consumer")
public class AdaptiveSqsConsumer extends DefaultConsumer implements ShutdownAware, Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveSqsConsumer.class);

    private final AdaptiveSqsConfiguration configuration;
    private final SqsMessageMapping mapping = new SqsMessageMapping();
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final ReceiveHealth receiveHealth;

    private volatile Pipeline pipeline;
    private volatile boolean forcedShutdown;
    /** When Camel's shutdown strategy began waiting for this consumer's exchanges; 0 when it has not. */
    private volatile long shutdownWaitStartedNanos;

    public AdaptiveSqsConsumer(AdaptiveSqsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        this.receiveHealth = new ReceiveHealth(URISupport.sanitizeUri(endpoint.getEndpointUri()));
        if (((AdaptiveSqsComponent) endpoint.getComponent()).isHealthCheckConsumerEnabled()) {
            // Camel's consumers health-check repository calls it as the readiness check "consumer:<routeId>"
            setHealthCheck(new AdaptiveSqsHealthCheck(this));
        }
    }

    @Override
    public AdaptiveSqsEndpoint getEndpoint() {
        return (AdaptiveSqsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        pipeline = new Pipeline(this, metrics, receiveHealth);
        pipeline.startReceiving();
    }

    @Override
    protected void doStop() throws Exception {
        Pipeline stopping = pipeline;
        if (stopping == null) {
            // the start failed before the pipeline existed (a missing queue, say): nothing runs
            super.doStop();
            return;
        }
        // Camel calls this on the thread it has just interrupted when a graceful shutdown timed out: the stop must
        // still end every thread and flush the deletes, so waits below give up on interruption instead of throwing
        boolean interrupted = Thread.interrupted();
        try {
            stopping.stopReceiving();
            interrupted |= stopping.awaitInflight(inflightWaitLeftMillis());
            stopping.stopDispatching();
            interrupted |= stopping.awaitPollers();
        } finally {
            stopping.shutdown();
            forcedShutdown = false;
            shutdownWaitStartedNanos = 0;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Stopped consuming {}: {}", getEndpoint().getQueueUrl(), status());
        super.doStop();
    }

    /**
     * What is left of the shutdown timeout for exchanges in flight. When Camel's shutdown strategy already waited
     * for them, it had the same timeout: a stop after that wait (timed out or not) must not wait all over again.
     */
    private long inflightWaitLeftMillis() {
        if (forcedShutdown) {
            return 0;
        }
        long timeoutMillis = getEndpoint().getCamelContext().getShutdownStrategy().getTimeUnit()
                .toMillis(getEndpoint().getCamelContext().getShutdownStrategy().getTimeout());
        long started = shutdownWaitStartedNanos;
        if (started == 0) {
            return timeoutMillis;
        }
        return Math.max(0, timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    protected void doSuspend() throws Exception {
        Pipeline suspending = pipeline;
        if (suspending != null) {
            suspending.stopReceiving();
            if (suspending.awaitPollers()) {
                Thread.currentThread().interrupt();
            }
        }
        shutdownWaitStartedNanos = 0;
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        super.doResume();
        Pipeline resuming = pipeline;
        if (resuming != null) {
            resuming.startReceiving();
        }
    }

    // ShutdownAware: stop taking messages at once, then let Camel wait for the exchanges already in the route.

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        shutdownWaitBegins();
        return true;
    }

    @Override
    public int getPendingExchangesSize() {
        return metrics.inflight() + getBufferDepth();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // forced: Camel's shutdown timeout ran out; the exchanges still in flight will not be waited for again
        forcedShutdown |= forced;
        shutdownWaitBegins();
    }

    private void shutdownWaitBegins() {
        if (shutdownWaitStartedNanos == 0) {
            shutdownWaitStartedNanos = System.nanoTime();
        }
        Pipeline running = pipeline;
        if (running != null) {
            running.stopReceiving();
        }
    }

    Exchange createExchange(Message message) {
        Exchange exchange = createExchange(true);
        exchange.setPattern(getEndpoint().getExchangePattern());
        mapping.fill(exchange, message);
        exchange.getExchangeExtension().addOnCompletion(pipeline.settlement(message.receiptHandle()));
        return exchange;
    }

    /** The signals behind the supervisor's last decision; null before the first tick. */
    Signals lastSignals() {
        Pipeline running = pipeline;
        return running == null ? null : running.supervisor().lastSignals();
    }

    ReceiveHealth receiveHealth() {
        return receiveHealth;
    }

    /** Why deletes or visibility changes keep failing, or null while they work. */
    String failingPart() {
        Pipeline running = pipeline;
        return running == null ? null : running.failingPart();
    }

    /** A point-in-time view of this consumer; see {@link ConsumerStatus}. */
    public ConsumerStatus status() {
        PipelineMetrics.Snapshot totals = metrics.snapshot();
        return new ConsumerStatus(configuration.getQueueNameOrUrl(), getActivePollers(), getTargetPollers(),
                getBufferDepth(), getInflight(), getLimbo(), totals.received(), totals.completed(), totals.failed(),
                totals.deleted(), totals.released(), totals.receiveCalls(), totals.emptyReceives(),
                totals.receiveErrors(), getServiceTimeMillis(), getReceiveRttMillis(), getLastDecision(),
                totals.waitedReceives(), metrics.backlog(), getBacklogBatch());
    }

    @ManagedAttribute(description = "Polling loops running now")
    public int getActivePollers() {
        return pipeline == null ? 0 : pipeline.pollers().active();
    }

    @ManagedAttribute(description = "Polling loops the supervisor asked for")
    public int getTargetPollers() {
        return pipeline == null ? 0 : pipeline.pollers().target();
    }

    @ManagedAttribute(description = "Messages waiting in the buffer")
    public int getBufferDepth() {
        return pipeline == null ? 0 : pipeline.bufferDepth();
    }

    @ManagedAttribute(description = "Exchanges in the route now")
    public int getInflight() {
        return metrics.inflight();
    }

    @ManagedAttribute(description = "Messages received and neither deleted nor handed back")
    public int getLimbo() {
        return pipeline == null ? 0 : pipeline.limbo();
    }

    @ManagedAttribute(description = "Smoothed time one exchange spends in the route (ms)")
    public double getServiceTimeMillis() {
        return pipeline == null ? Double.NaN : pipeline.supervisor().serviceTimeMillis();
    }

    @ManagedAttribute(description = "Smoothed round trip of a ReceiveMessage call that brought at least half a batch (ms)")
    public double getReceiveRttMillis() {
        return pipeline == null ? Double.NaN : pipeline.supervisor().receiveRttMillis();
    }

    @ManagedAttribute(description = "Messages per second the consumers could take: concurrentConsumers / service time")
    public double getPotentialConsumptionRate() {
        return configuration.getConcurrentConsumers() * 1000.0 / getServiceTimeMillis();
    }

    @ManagedAttribute(description = "Messages a ReceiveMessage call brings while the queue's count shows a backlog, "
                                    + "smoothed; NaN until 20 receives taught it")
    public double getBacklogBatch() {
        return pipeline == null ? Double.NaN : pipeline.supervisor().backlogBatch();
    }

    @ManagedAttribute(description = "Messages per second one poller supplies, as the supervisor last sized pollers: "
                                    + "the batch a backlog brings per slow round trip; NaN until a tick saw receives")
    public double getSupplyPerPoller() {
        return pipeline == null ? Double.NaN : pipeline.supervisor().supplyPerPoller();
    }

    @ManagedAttribute(description = "The queue's ApproximateNumberOfMessages as last read, -1 while unknown")
    public long getApproximateBacklog() {
        return metrics.backlog();
    }

    @ManagedAttribute(description = "ReceiveMessage calls since start that waited in a long poll for messages")
    public long getWaitedReceiveCount() {
        return metrics.snapshot().waitedReceives();
    }

    @ManagedAttribute(description = "Messages received since start")
    public long getReceivedCount() {
        return metrics.snapshot().received();
    }

    @ManagedAttribute(description = "Exchanges completed since start")
    public long getCompletedCount() {
        return metrics.snapshot().completed();
    }

    @ManagedAttribute(description = "Exchanges failed since start, including messages that could not become one")
    public long getFailedCount() {
        return metrics.snapshot().failed();
    }

    @ManagedAttribute(description = "Messages deleted from the queue since start")
    public long getDeletedCount() {
        return metrics.snapshot().deleted();
    }

    @ManagedAttribute(description = "Messages handed back to SQS (visibility 0) since start")
    public long getReleasedCount() {
        return metrics.snapshot().released();
    }

    @ManagedAttribute(description = "ReceiveMessage calls that returned since start")
    public long getReceiveCalls() {
        return metrics.snapshot().receiveCalls();
    }

    @ManagedAttribute(description = "ReceiveMessage calls that returned no message since start")
    public long getEmptyReceives() {
        return metrics.snapshot().emptyReceives();
    }

    @ManagedAttribute(description = "ReceiveMessage calls that failed since start")
    public long getReceiveErrors() {
        return metrics.snapshot().receiveErrors();
    }

    @ManagedAttribute(description = "The supervisor's last decision and its reason")
    public String getLastDecision() {
        return pipeline == null ? "" : pipeline.supervisor().lastReason();
    }
}
