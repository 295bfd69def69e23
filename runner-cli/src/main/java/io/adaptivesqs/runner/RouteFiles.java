package io.adaptivesqs.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The YAML route files under the {@code --routes} folders.
 *
 * @param folders the folders, absolute
 * @param files   every {@code .yaml} and {@code .yml} file below them, absolute, in a stable order
 */
public record RouteFiles(List<Path> folders, List<Path> files) {

    /**
     * Finds the route files, or explains in one line why a folder gives none.
     */
    public static RouteFiles find(List<Path> folders) {
        List<Path> absoluteFolders = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            Path absolute = folder.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                throw new InvalidInputException("routes folder not found: " + display(folder));
            }
            if (!Files.isDirectory(absolute)) {
                throw new InvalidInputException("--routes needs a folder, and " + display(folder) + " is a file");
            }
            List<Path> found = yamlFilesBelow(absolute);
            if (found.isEmpty()) {
                throw new InvalidInputException(
                        "routes folder " + display(folder) + " has no route files (*.yaml, *.yml)");
            }
            absoluteFolders.add(absolute);
            found.stream().filter(file -> !files.contains(file)).forEach(files::add);
        }
        return new RouteFiles(List.copyOf(absoluteFolders), List.copyOf(files));
    }

    /**
     * A path as the user would type it: relative to the working directory when it is below it.
     */
    public static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)
                ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }

    private static List<Path> yamlFilesBelow(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(RouteFiles::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routes folder " + display(folder), e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
