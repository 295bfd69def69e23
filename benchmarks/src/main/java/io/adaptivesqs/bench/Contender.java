package io.adaptivesqs.bench;

import java.util.Locale;

/**
 * What consumes the queue in a trial, as the endpoint URI a user would write (for Spring Cloud AWS, its container
 * settings). Every contender gets the same work, the same K consumers and the same instrumented SqsClient (bound as
 * {@value BenchConsumer#CLIENT}; Spring's asynchronous client is made of it).
 */
sealed interface Contender {

    String label();

    String endpointUri(String queueName, int concurrentConsumers);

    /** The adaptive component with its default options: the supervisor decides between minPollers and maxPollers. */
    record Adaptive() implements Contender {
        @Override
        public String label() {
            return "adaptive";
        }

        @Override
        public String endpointUri(String queueName, int concurrentConsumers) {
            return "adaptive-sqs:" + queueName + "?amazonSQSClient=#" + BenchConsumer.CLIENT
                   + "&concurrentConsumers=" + concurrentConsumers;
        }
    }

    /** The same component pinned to {@code pollers} polling loops: what a user tuning by hand would run. */
    record Fixed(int pollers) implements Contender {
        private static final String PREFIX = "fixed-";

        /** The count a {@link #label()} names. */
        static int pollers(String label) {
            return Integer.parseInt(label.substring(PREFIX.length()));
        }

        @Override
        public String label() {
            return PREFIX + pollers;
        }

        @Override
        public String endpointUri(String queueName, int concurrentConsumers) {
            return new Adaptive().endpointUri(queueName, concurrentConsumers)
                   + "&minPollers=" + pollers + "&maxPollers=" + pollers;
        }
    }

    /**
     * Stock camel-aws2-sqs tuned for throughput: K polling threads, full batches, greedy with no pause between polls,
     * long polling. {@code delay=1}, not 0: the scheduler replaces a delay of 0 with its 500 ms default.
     */
    record Stock() implements Contender {
        static final int WAIT_TIME_SECONDS = 10;

        @Override
        public String label() {
            return "aws2-sqs";
        }

        @Override
        public String endpointUri(String queueName, int concurrentConsumers) {
            return String.format(Locale.ROOT, "aws2-sqs:%s?amazonSQSClient=#%s&concurrentConsumers=%d"
                                              + "&maxMessagesPerPoll=10&greedy=true&delay=1&initialDelay=0&waitTimeSeconds=%d",
                    queueName, BenchConsumer.CLIENT, concurrentConsumers, WAIT_TIME_SECONDS);
        }
    }

    /**
     * Spring Cloud AWS's listener container with {@code maxConcurrentMessages} = K x {@code prefetch}, the listener
     * limited to K at once. Prefetch 1 is its natural setting (K messages in flight); 10 keeps ten times K in flight,
     * so that receives continue while the K listeners work.
     */
    record Spring(int prefetch) implements Contender {
        static final int TUNED_PREFETCH = 10;

        @Override
        public String label() {
            return prefetch == 1 ? "spring" : "spring-x" + prefetch;
        }

        int maxConcurrentMessages(int concurrentConsumers) {
            return concurrentConsumers * prefetch;
        }

        @Override
        public String endpointUri(String queueName, int concurrentConsumers) {
            int inFlight = maxConcurrentMessages(concurrentConsumers);
            return String.format(Locale.ROOT, "spring-cloud-aws SqsMessageListenerContainer(%s): maxConcurrentMessages=%d"
                                              + ", maxMessagesPerPoll=%d, pollTimeout=%ds, listener permits=%d",
                    queueName, inFlight, SpringListener.messagesPerPoll(inFlight), SpringListener.POLL_SECONDS,
                    concurrentConsumers);
        }
    }
}
