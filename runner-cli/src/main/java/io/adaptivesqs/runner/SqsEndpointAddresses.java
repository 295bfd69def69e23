package io.adaptivesqs.runner;

import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.adaptivesqs.camel.AdaptiveSqsConfiguration;
import io.adaptivesqs.camel.AdaptiveSqsEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.util.URISupport;

/**
 * Where each SQS endpoint sends its calls, noted as Camel creates the endpoint: when a start fails, Camel has already
 * let go of its endpoints, and the line that explains the failure names the address.
 */
final class SqsEndpointAddresses extends LifecycleStrategySupport {

    private final Map<String, String> byUri = new ConcurrentHashMap<>();

    @Override
    public void onEndpointAdd(Endpoint endpoint) {
        address(endpoint).ifPresent(address -> byUri.put(normalized(endpoint.getEndpointUri()), address));
    }

    /**
     * The address of the endpoint with this URI; when the URI is not known as such (a placeholder in it, say) but
     * every SQS endpoint goes to the same address, that address.
     */
    Optional<String> of(String uri) {
        String address = uri == null ? null : byUri.get(normalized(uri));
        if (address != null) {
            return Optional.of(address);
        }
        Set<String> all = byUri.values().stream().collect(Collectors.toSet());
        return all.size() == 1 ? all.stream().findFirst() : Optional.empty();
    }

    static Optional<String> address(Endpoint endpoint) {
        if (endpoint instanceof AdaptiveSqsEndpoint adaptive) {
            AdaptiveSqsConfiguration configuration = adaptive.getConfiguration();
            return address(configuration.isOverrideEndpoint(), configuration.getUriEndpointOverride(),
                    configuration.getRegion());
        }
        if (endpoint instanceof Sqs2Endpoint aws2) {
            Sqs2Configuration configuration = aws2.getConfiguration();
            return address(configuration.isOverrideEndpoint(), configuration.getUriEndpointOverride(),
                    configuration.getRegion());
        }
        return Optional.empty();
    }

    private static Optional<String> address(boolean overridden, String override, String region) {
        if (overridden && override != null && !override.isBlank()) {
            return Optional.of(override);
        }
        return Optional.ofNullable(region).map(r -> "the SQS endpoint of region " + r);
    }

    private static String normalized(String uri) {
        try {
            return URISupport.normalizeUri(uri);
        } catch (URISyntaxException | RuntimeException e) {
            return uri;
        }
    }
}
