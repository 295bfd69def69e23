package io.adaptivesqs.runner;

import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;

/**
 * Camel's YAML DSL loader, also for files ending in {@code .yml}: Camel only looks for {@code .yaml}, while many YAML
 * files in the wild are {@code .yml}. Found by Camel through
 * {@code META-INF/services/org/apache/camel/routes-loader/yml}.
 */
public class YmlRoutesBuilderLoader extends YamlRoutesBuilderLoader {

    @Override
    public boolean isSupportedExtension(String extension) {
        return "yml".equals(extension) || super.isSupportedExtension(extension);
    }
}
