package io.adaptivesqs.camel;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2HeaderFilterStrategy;
import org.apache.camel.component.aws2.sqs.Sqs2MessageHelper;
import org.apache.camel.spi.HeaderFilterStrategy;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * How an SQS message becomes the in-message of an exchange, with the header names and attribute conversions of
 * camel-aws2-sqs, so that routes written for {@code aws2-sqs:} read the same headers here.
 */
final class SqsMessageMapping {

    private final HeaderFilterStrategy headerFilterStrategy = new Sqs2HeaderFilterStrategy();

    void fill(Exchange exchange, Message message) {
        org.apache.camel.Message in = exchange.getIn();
        in.setBody(message.body());
        in.setHeaders(new HashMap<>(message.attributesAsStrings()));
        in.setHeader(Sqs2Constants.MESSAGE_ID, message.messageId());
        in.setHeader(Sqs2Constants.MD5_OF_BODY, message.md5OfBody());
        in.setHeader(Sqs2Constants.RECEIPT_HANDLE, message.receiptHandle());
        in.setHeader(Sqs2Constants.ATTRIBUTES, message.attributes());
        in.setHeader(Sqs2Constants.MESSAGE_ATTRIBUTES, message.messageAttributes());
        setFifoHeaders(exchange, message);
        for (Map.Entry<String, MessageAttributeValue> attribute : message.messageAttributes().entrySet()) {
            Object value = Sqs2MessageHelper.fromMessageAttributeValue(attribute.getValue());
            if (!headerFilterStrategy.applyFilterToExternalHeaders(attribute.getKey(), value, exchange)) {
                in.setHeader(attribute.getKey(), value);
            }
        }
    }

    /**
     * The attribute headers (MessageGroupId, MessageDeduplicationId, SequenceNumber) are already set; also set the
     * names aws2-sqs uses: the sequence number header, and the group as the exchange property its producer's
     * usePropertyValue strategy reads, so that a route can pass the group on to another FIFO queue.
     */
    private static void setFifoHeaders(Exchange exchange, Message message) {
        String sequenceNumber = message.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER);
        if (sequenceNumber != null) {
            exchange.getIn().setHeader(Sqs2Constants.SEQUENCE_NUMBER, sequenceNumber);
        }
        String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        if (group != null) {
            exchange.setProperty(Sqs2Constants.MESSAGE_GROUP_ID_PROPERTY, group);
        }
    }
}
