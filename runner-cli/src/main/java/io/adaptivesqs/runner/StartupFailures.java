package io.adaptivesqs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Turns a failure to start into one line that names the route file and the problem: an
 * {@link InvalidInputException} when the input is wrong (YAML, unknown component or option, bad value), otherwise a
 * {@link RunFailedException}. Values of options are never repeated: they may be credentials.
 */
final class StartupFailures {

    private static final Pattern UNKNOWN_PARAMETERS = Pattern.compile("Unknown parameters=\\[\\{(.*)}]");
    private static final Pattern PARAMETER_NAME = Pattern.compile("(?:^|, )([A-Za-z0-9_.\\-]+)=");

    private final CamelContext context;
    private final RouteFiles routes;
    private final SqsEndpointAddresses addresses;

    StartupFailures(CamelContext context, RouteFiles routes, SqsEndpointAddresses addresses) {
        this.context = context;
        this.routes = routes;
        this.addresses = addresses;
    }

    RuntimeException explain(Exception failure) {
        Optional<InvalidInputException> explained = Failures.find(failure, InvalidInputException.class);
        if (explained.isPresent()) {
            return new InvalidInputException(explained.get().getMessage(), failure);
        }
        Optional<RunFailedException> failed = Failures.find(failure, RunFailedException.class);
        if (failed.isPresent()) {
            return new RunFailedException(failed.get().getMessage(), failure);
        }
        Optional<MarkedYamlEngineException> yaml = Failures.find(failure, MarkedYamlEngineException.class);
        if (yaml.isPresent()) {
            return new InvalidInputException(yamlProblem(yaml.get()), failure);
        }
        Optional<NoSuchEndpointException> noEndpoint = Failures.find(failure, NoSuchEndpointException.class);
        if (noEndpoint.isPresent()) {
            String uri = noEndpoint.get().getUri();
            String component = scheme(uri);
            return new InvalidInputException(
                    where(failure, component + ":") + "unknown component '" + component + "' in endpoint "
                                             + withoutOptions(uri),
                    failure);
        }
        Optional<ResolveEndpointFailedException> endpoint
                = Failures.findInnermost(failure, ResolveEndpointFailedException.class);
        if (endpoint.isPresent()) {
            return new InvalidInputException(endpointProblem(failure, endpoint.get()), failure);
        }
        Optional<PropertyBindingException> binding = Failures.find(failure, PropertyBindingException.class);
        if (binding.isPresent()) {
            return new InvalidInputException("cannot set property '" + propertyKey(binding.get()) + "'", failure);
        }
        Optional<IllegalArgumentException> invalid = Failures.find(failure, IllegalArgumentException.class);
        if (invalid.isPresent()) {
            return new InvalidInputException(
                    where(failure, null) + Failures.firstLine(invalid.get().getMessage()), failure);
        }
        Optional<String> sqs = SqsStartFailures.explain(failure, routeSqsAddress(failure));
        if (sqs.isPresent()) {
            return new RunFailedException(where(failure, null) + sqs.get(), failure);
        }
        return new RunFailedException(where(failure, null) + Failures.summary(failure), failure);
    }

    private static String yamlProblem(MarkedYamlEngineException yaml) {
        Optional<Mark> mark = yaml.getProblemMark();
        String problem = Failures.firstLine(yaml.getProblem());
        if (mark.isEmpty()) {
            return "YAML error: " + problem;
        }
        return "YAML error in " + displayLocation(mark.get().getName()) + " line " + (mark.get().getLine() + 1)
               + ", column " + (mark.get().getColumn() + 1) + ": " + problem;
    }

    private String endpointProblem(Exception failure, ResolveEndpointFailedException endpoint) {
        String uri = withoutOptions(endpoint.getUri());
        Matcher unknown = UNKNOWN_PARAMETERS.matcher(String.valueOf(endpoint.getMessage()));
        if (unknown.find()) {
            List<String> names = new ArrayList<>();
            Matcher name = PARAMETER_NAME.matcher(unknown.group(1));
            while (name.find()) {
                names.add("'" + name.group(1) + "'");
            }
            String options = String.join(", ", names);
            return where(failure, names.isEmpty() ? null : names.get(0).replace("'", ""))
                   + (names.size() == 1 ? "unknown option " : "unknown options ") + options + " for endpoint " + uri;
        }
        Throwable reason = endpoint.getCause() != null ? Failures.root(endpoint) : endpoint;
        String message = reason instanceof PropertyBindingException binding
                ? "cannot set option '" + binding.getPropertyName() + "'"
                : Failures.firstLine(reason.getMessage());
        return where(failure, null) + "invalid endpoint " + uri + ": " + message;
    }

    /**
     * "file: " for the route file the failure comes from, found through the failing route, or else the one route
     * file containing the hint; empty when neither tells.
     */
    private String where(Throwable failure, String hint) {
        return routeLocation(failure)
                .or(() -> fileContaining(hint))
                .map(location -> location + ": ")
                .orElse("");
    }

    private Optional<String> routeLocation(Throwable failure) {
        String location = null;
        Optional<FailedToCreateRouteException> create = Failures.find(failure, FailedToCreateRouteException.class);
        Optional<FailedToStartRouteException> start = Failures.find(failure, FailedToStartRouteException.class);
        if (create.isPresent()) {
            location = create.get().getLocation();
        } else if (start.isPresent()) {
            location = start.get().getLocation();
        }
        Optional<String> routeId = failedRouteId(failure);
        if (location == null && routeId.isPresent() && context != null) {
            location = definitionLocation(routeId.get());
        }
        return Optional.ofNullable(location).map(StartupFailures::displayLocation);
    }

    private static Optional<String> failedRouteId(Throwable failure) {
        return Failures.find(failure, FailedToCreateRouteException.class)
                .map(FailedToCreateRouteException::getRouteId)
                .or(() -> Failures.find(failure, FailedToStartRouteException.class)
                        .map(FailedToStartRouteException::getRouteId));
    }

    /** Where the failed route's endpoint sends its SQS calls. */
    private Optional<String> routeSqsAddress(Throwable failure) {
        Optional<String> uri = failedRouteId(failure).map(this::definition).map(RouteDefinition::getInput)
                .map(input -> input.getEndpointUri());
        return addresses.of(uri.orElse(null));
    }

    private RouteDefinition definition(String routeId) {
        Model model = context == null ? null : context.getCamelContextExtension().getContextPlugin(Model.class);
        return model != null ? model.getRouteDefinition(routeId) : null;
    }

    private String definitionLocation(String routeId) {
        RouteDefinition route = definition(routeId);
        return route != null && route.getResource() != null ? route.getResource().getLocation() : null;
    }

    private Optional<String> fileContaining(String hint) {
        if (hint == null) {
            return Optional.empty();
        }
        List<Path> containing = routes.files().stream().filter(file -> contains(file, hint)).toList();
        return containing.size() == 1 ? Optional.of(RouteFiles.display(containing.get(0))) : Optional.empty();
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static String propertyKey(PropertyBindingException binding) {
        if (binding.getOptionPrefix() != null && binding.getOptionKey() != null) {
            String prefix = binding.getOptionPrefix();
            return prefix.endsWith(".") ? prefix + binding.getOptionKey() : prefix + "." + binding.getOptionKey();
        }
        return binding.getPropertyName();
    }

    private static String displayLocation(String location) {
        if (location == null) {
            return "";
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        int lineSuffix = path.lastIndexOf(':');
        String line = "";
        if (lineSuffix > 0 && path.substring(lineSuffix + 1).matches("\\d+")) {
            line = path.substring(lineSuffix);
            path = path.substring(0, lineSuffix);
        }
        return (path.startsWith("/") ? RouteFiles.display(Path.of(path)) : path) + line;
    }

    static String scheme(String uri) {
        int colon = uri == null ? -1 : uri.indexOf(':');
        return colon > 0 ? uri.substring(0, colon) : String.valueOf(uri);
    }

    static String withoutOptions(String uri) {
        if (uri == null) {
            return "";
        }
        int query = uri.indexOf('?');
        return (query < 0 ? uri : uri.substring(0, query)).replaceFirst("^([A-Za-z0-9+.\\-]+):/{2}", "$1:");
    }
}
