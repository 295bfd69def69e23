package io.adaptivesqs.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The versions of the runner and of the Camel it hosts, written into a resource by the build.
 */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/adaptive-sqs-runner-version.properties";

    @Override
    public String[] getVersion() {
        Properties versions = load();
        return new String[] {
                "adaptive-sqs-runner " + versions.getProperty("runner.version", "unknown"),
                "Apache Camel " + versions.getProperty("camel.version", "unknown")
                        + ", Java " + System.getProperty("java.version") };
    }

    private static Properties load() {
        Properties versions = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }
}
