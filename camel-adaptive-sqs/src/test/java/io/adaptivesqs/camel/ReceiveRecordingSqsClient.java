package io.adaptivesqs.camel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Notes the body of every message SQS hands out through this client: what the consumer received, whatever it did
 * with it afterwards.
 */
final class ReceiveRecordingSqsClient extends DelegatingSqsClient {

    private final Set<String> received = ConcurrentHashMap.newKeySet();

    ReceiveRecordingSqsClient(SqsClient delegate) {
        super(delegate);
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        ReceiveMessageResponse response = delegate.receiveMessage(request);
        for (Message message : response.messages()) {
            received.add(message.body());
        }
        return response;
    }

    Set<String> received() {
        return Set.copyOf(received);
    }
}
