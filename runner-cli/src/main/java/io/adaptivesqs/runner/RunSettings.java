package io.adaptivesqs.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run is asked to do, checked: every path exists and every route file was found.
 *
 * @param routes          the route files and the folders they came from
 * @param propertiesFile  absolute path of the properties file, or null
 * @param embeddedSqsPort port for the embedded SQS (0 = any free one), or null for none
 * @param reload          reload routes when their files change
 * @param duration        stop after this long, or null to run until stopped
 * @param statusInterval  time between status lines; zero turns them off
 * @param httpPort        port for health and metrics, or null for none
 */
public record RunSettings(
        RouteFiles routes,
        Path propertiesFile,
        Integer embeddedSqsPort,
        boolean reload,
        Duration duration,
        Duration statusInterval,
        Integer httpPort) {

    public boolean embeddedSqs() {
        return embeddedSqsPort != null;
    }

    public boolean statusLines() {
        return statusInterval != null && !statusInterval.isZero();
    }

    public List<Path> routeFiles() {
        return routes.files();
    }
}
