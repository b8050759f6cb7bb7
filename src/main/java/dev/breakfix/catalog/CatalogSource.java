package dev.breakfix.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where catalog files come from: the jar's built-in content, or a directory laid out like the repository. */
interface CatalogSource {

    /** Scenario ids this source holds, in no particular order. */
    List<String> scenarioIds();

    /** The text of a file relative to the source's root ({@code scenarios/x/scenario.yaml}), if present. */
    Optional<String> read(String relativePath);

    /** How to name a file of this source in an error message. */
    String describe(String relativePath);

    /** Built-in content: {@code scenarios/catalog.yaml} lists the scenario folders shipped in the jar. */
    static CatalogSource classpath() {
        return new CatalogSource() {
            @Override
            public List<String> scenarioIds() {
                String index = read("scenarios/catalog.yaml")
                        .orElseThrow(() -> new CatalogException("classpath:scenarios/catalog.yaml", "file", "missing"));
                return CatalogYaml.stringList(CatalogYaml.parse(index, describe("scenarios/catalog.yaml")),
                        "scenarios", describe("scenarios/catalog.yaml"));
            }

            @Override
            public Optional<String> read(String relativePath) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try (InputStream in = loader.getResourceAsStream(relativePath)) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return "classpath:" + relativePath;
            }
        };
    }

    /** A directory with {@code scenarios/<id>/scenario.yaml} and {@code labs/<lang>/<id>.adoc}. */
    static CatalogSource directory(Path root) {
        return new CatalogSource() {
            @Override
            public List<String> scenarioIds() {
                Path scenarios = root.resolve("scenarios");
                if (!Files.isDirectory(scenarios)) {
                    throw new CatalogException(root.toString(), "directory", "has no 'scenarios' folder");
                }
                try (Stream<Path> dirs = Files.list(scenarios)) {
                    return dirs.filter(d -> Files.isRegularFile(d.resolve("scenario.yaml")))
                            .map(d -> d.getFileName().toString())
                            .sorted()
                            .toList();
                } catch (IOException e) {
                    throw new CatalogException(scenarios.toString(), "cannot be listed", e);
                }
            }

            @Override
            public Optional<String> read(String relativePath) {
                Path file = root.resolve(relativePath).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readString(file));
                } catch (IOException e) {
                    throw new CatalogException(file.toString(), "cannot be read", e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return root.resolve(relativePath).toString();
            }
        };
    }
}
