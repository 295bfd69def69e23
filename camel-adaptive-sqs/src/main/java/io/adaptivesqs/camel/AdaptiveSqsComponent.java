package io.adaptivesqs.camel;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code adaptive-sqs:} component: consumes an SQS queue with an adaptive number of pollers.
 */
@Component("adaptive-sqs")
public class AdaptiveSqsComponent extends HealthCheckComponent {

    @Metadata
    private AdaptiveSqsConfiguration configuration = new AdaptiveSqsConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AdaptiveSqsConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setQueueNameOrUrl(remaining);
        AdaptiveSqsEndpoint endpoint = new AdaptiveSqsEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        OptionsValidator.validate(endpointConfiguration);
        return endpoint;
    }

    public AdaptiveSqsConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * Options shared by every adaptive-sqs endpoint; an endpoint's own options override them.
     */
    public void setConfiguration(AdaptiveSqsConfiguration configuration) {
        this.configuration = configuration;
    }
}
