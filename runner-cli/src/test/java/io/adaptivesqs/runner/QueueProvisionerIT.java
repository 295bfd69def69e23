package io.adaptivesqs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queues appear on the embedded SQS as Camel creates the endpoints that name them, with the dead-letter queues
 * that an aws2-sqs redrivePolicy or the properties ask for.
 */
class QueueProvisionerIT {

    static EmbeddedSqs sqs;
    static CamelContext context;

    @BeforeAll
    static void startSqsAndCamel() {
        sqs = EmbeddedSqs.start(0);
        context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("embedded-sqs.jobs.dead-letter-queue", "jobs-parked");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getRegistry().bind(CamelRunner.SQS_CLIENT_BEAN, sqs.client());
        context.addLifecycleStrategy(new QueueProvisioner(sqs));
        context.start();
    }

    @AfterAll
    static void stop() {
        context.stop();
        sqs.close();
    }

    @Test
    void createsTheQueueOfAnAdaptiveEndpoint() {
        context.getEndpoint("adaptive-sqs:plain?maxPollers=3");

        assertThat(attributes("plain")).containsKey(QueueAttributeName.QUEUE_ARN);
    }

    @Test
    void fifoQueuesAreFifo() {
        context.getEndpoint("adaptive-sqs:ledger.fifo");

        assertThat(attributes("ledger.fifo")).containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
    }

    @Test
    void redrivePolicyOfAnAws2SqsEndpointGetsItsDeadLetterQueue() {
        context.getEndpoint("aws2-sqs:payments?redrivePolicy=RAW({\"deadLetterTargetArn\":"
                            + "\"arn:aws:sqs:us-east-1:000000000000:payments-dlq\",\"maxReceiveCount\":\"4\"})");

        assertThat(attributes("payments").get(QueueAttributeName.REDRIVE_POLICY))
                .contains("payments-dlq").containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?4");
        assertThat(attributes("payments-dlq")).containsKey(QueueAttributeName.QUEUE_ARN);
    }

    @Test
    void propertiesAskForADeadLetterQueue() {
        context.getEndpoint("adaptive-sqs:jobs");

        assertThat(attributes("jobs").get(QueueAttributeName.REDRIVE_POLICY))
                .contains("jobs-parked")
                .containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?" + QueueProvisioner.DEFAULT_MAX_RECEIVE_COUNT);
    }

    private static Map<QueueAttributeName, String> attributes(String queue) {
        String url = sqs.client().getQueueUrl(request -> request.queueName(queue)).queueUrl();
        return sqs.client().getQueueAttributes(request -> request.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
    }
}
