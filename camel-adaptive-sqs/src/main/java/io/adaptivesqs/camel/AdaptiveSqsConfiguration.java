package io.adaptivesqs.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of an {@code adaptive-sqs:} endpoint: the queue, and how the pipeline consumes it; how to reach SQS is
 * in {@link SqsConnectionConfiguration}. The component hands every endpoint its own {@link #copy()}.
 */
@UriParams
public class AdaptiveSqsConfiguration extends SqsConnectionConfiguration implements Cloneable {

    @UriPath(description = "Queue name, or the full queue URL")
    @Metadata(required = true)
    private String queueNameOrUrl;

    @UriParam(label = "consumer", defaultValue = "2")
    private Integer minPollers;
    @UriParam(label = "consumer", defaultValue = "20")
    private int maxPollers = 20;
    @UriParam(label = "consumer", defaultValue = "1")
    private int concurrentConsumers = 1;
    @UriParam(label = "consumer", defaultValue = "10")
    private int queueSize = 10;
    @UriParam(label = "consumer", defaultValue = "10")
    private int maxMessagesPerPoll = 10;
    @UriParam(label = "consumer", defaultValue = "10")
    private int waitTimeSeconds = 10;
    @UriParam(label = "consumer")
    private Integer visibilityTimeout;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean extendMessageVisibility = true;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean deleteAfterRead = true;
    @UriParam(label = "consumer", defaultValue = "250", javaType = "java.time.Duration")
    private long supervisorInterval = 250;
    @UriParam(label = "consumer,advanced", defaultValue = "4")
    private int scaleDownTicks = 4;
    @UriParam(label = "consumer,advanced", defaultValue = "5000", javaType = "java.time.Duration")
    private long backlogCheckInterval = 5000;
    @UriParam(label = "consumer,advanced", defaultValue = "20", javaType = "java.time.Duration")
    private long deleteBatchDelay = 20;
    @UriParam(label = "consumer,advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long maxBackoff = 30000;
    @UriParam(label = "consumer")
    private String attributeNames;
    @UriParam(label = "consumer")
    private String messageAttributeNames;

    public String getQueueNameOrUrl() {
        return queueNameOrUrl;
    }

    /**
     * The queue's name, or its full URL (https://sqs.region.amazonaws.com/account/name).
     */
    public void setQueueNameOrUrl(String queueNameOrUrl) {
        this.queueNameOrUrl = queueNameOrUrl;
    }

    /** The configured minPollers, or 2 (at most maxPollers) when not set. */
    public int getMinPollers() {
        return minPollers != null ? minPollers : Math.min(2, maxPollers);
    }

    /**
     * The fewest polling loops kept running, also when the queue is empty. Two overlap their long polls, so that
     * while one is on its way back with a message another is already waiting at SQS: a message that arrives in a
     * quiet spell waits about one round trip, not two.
     */
    public void setMinPollers(Integer minPollers) {
        this.minPollers = minPollers;
    }

    public int getMaxPollers() {
        return maxPollers;
    }

    /**
     * The most polling loops the supervisor may run at once. Each is one receive under way, or one batch waiting for
     * room in the buffer; a queue that answers with partial batches needs more of them for the same rate.
     */
    public void setMaxPollers(int maxPollers) {
        this.maxPollers = maxPollers;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    /**
     * How many threads take messages from the buffer into the route; also the most exchanges this consumer has in
     * flight at once, even when the route continues asynchronously.
     */
    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getQueueSize() {
        return queueSize;
    }

    /**
     * Capacity of the buffer between pollers and consumers. Messages in it are received but not yet processed, so
     * their visibility timeout is ticking: keep it small. 1 works. On a FIFO queue it counts message groups waiting
     * for a consumer, each with at most one batch of its messages.
     */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /**
     * How many messages one ReceiveMessage call asks for, 1 to 10.
     */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getWaitTimeSeconds() {
        return waitTimeSeconds;
    }

    /**
     * Long polling: how long one ReceiveMessage call waits for messages to arrive, 0 to 20 seconds. It also bounds
     * how long a stop waits for a receive already under way.
     */
    public void setWaitTimeSeconds(int waitTimeSeconds) {
        this.waitTimeSeconds = waitTimeSeconds;
    }

    public Integer getVisibilityTimeout() {
        return visibilityTimeout;
    }

    /**
     * Visibility timeout in seconds asked for on every receive and every extension. When not set, the queue's own
     * VisibilityTimeout attribute is read at start.
     */
    public void setVisibilityTimeout(Integer visibilityTimeout) {
        this.visibilityTimeout = visibilityTimeout;
    }

    public boolean isExtendMessageVisibility() {
        return extendMessageVisibility;
    }

    /**
     * Keep extending the visibility of messages that wait in the buffer or are in the route, so that slow processing
     * does not make SQS deliver them a second time.
     */
    public void setExtendMessageVisibility(boolean extendMessageVisibility) {
        this.extendMessageVisibility = extendMessageVisibility;
    }

    public boolean isDeleteAfterRead() {
        return deleteAfterRead;
    }

    /**
     * Delete a message from the queue once its exchange completed successfully. A failed exchange is never deleted.
     */
    public void setDeleteAfterRead(boolean deleteAfterRead) {
        this.deleteAfterRead = deleteAfterRead;
    }

    public long getSupervisorInterval() {
        return supervisorInterval;
    }

    /**
     * Time between two supervisor decisions (milliseconds, or a duration such as 250ms). In between, a step that
     * starves the consumers (the route several times faster, the round trip several times longer) adds pollers at
     * once, seen in a window of two round trips (at least 50 ms).
     */
    public void setSupervisorInterval(long supervisorInterval) {
        this.supervisorInterval = supervisorInterval;
    }

    public int getScaleDownTicks() {
        return scaleDownTicks;
    }

    /**
     * How many supervisor ticks in a row must ask for fewer pollers before any is removed. Scaling up is immediate.
     */
    public void setScaleDownTicks(int scaleDownTicks) {
        this.scaleDownTicks = scaleDownTicks;
    }

    public long getBacklogCheckInterval() {
        return backlogCheckInterval;
    }

    /**
     * How often the queue's ApproximateNumberOfMessages is read (one GetQueueAttributes call), so that the
     * supervisor can tell a short queue from SQS answering with partial batches (milliseconds, or a duration such as
     * 5s; 0 turns it off). Once the pollers have received more than the count held plus a round of batches, it is
     * read again a second after the last read.
     */
    public void setBacklogCheckInterval(long backlogCheckInterval) {
        this.backlogCheckInterval = backlogCheckInterval;
    }

    public long getDeleteBatchDelay() {
        return deleteBatchDelay;
    }

    /**
     * How long a completed message waits for others to share its DeleteMessageBatch call (milliseconds). A batch of
     * ten goes at once, and so does, on a FIFO queue while consumers wait for work, the delete that lets SQS hand out
     * a message group again.
     */
    public void setDeleteBatchDelay(long deleteBatchDelay) {
        this.deleteBatchDelay = deleteBatchDelay;
    }

    public long getMaxBackoff() {
        return maxBackoff;
    }

    /**
     * The longest pause between two receive attempts while SQS keeps failing (milliseconds). The pause starts short
     * and doubles per failure up to this cap; each pause is drawn between half of that and all of it, so that
     * pollers failing together do not retry together.
     */
    public void setMaxBackoff(long maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public String getAttributeNames() {
        return attributeNames;
    }

    /**
     * Comma separated message system attribute names to receive (such as ApproximateReceiveCount), or All. They are
     * available in the CamelAwsSqsAttributes header.
     */
    public void setAttributeNames(String attributeNames) {
        this.attributeNames = attributeNames;
    }

    public String getMessageAttributeNames() {
        return messageAttributeNames;
    }

    /**
     * Comma separated message attribute names to receive, or All. Each becomes a message header.
     */
    public void setMessageAttributeNames(String messageAttributeNames) {
        this.messageAttributeNames = messageAttributeNames;
    }

    public AdaptiveSqsConfiguration copy() {
        try {
            return (AdaptiveSqsConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
