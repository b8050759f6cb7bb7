package dev.breakfix.catalog;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.breakfix.config.BreakfixConfig;
import io.quarkus.runtime.Startup;

/**
 * Every scenario Breakfix offers, loaded and validated once at start-up: the built-in chapter, plus
 * the scenarios of a configured directory (which add to it or replace built-ins by id). An invalid
 * catalog stops start-up with a message naming the file and the field.
 */
@Startup
@ApplicationScoped
public class Catalog {

    private static final Logger LOG = Logger.getLogger(Catalog.class);

    private final Map<String, Scenario> scenarios;

    @Inject
    public Catalog(BreakfixConfig config) {
        this(load(config.catalog().directory().map(Path::of)));
    }

    public Catalog(List<Scenario> scenarios) {
        Map<String, Scenario> byId = new LinkedHashMap<>();
        scenarios.stream().sorted(Comparator.comparingInt(Scenario::order).thenComparing(Scenario::id))
                .forEach(s -> byId.put(s.id(), s));
        this.scenarios = Map.copyOf(byId);
        this.ordered = List.copyOf(byId.values());
    }

    private final List<Scenario> ordered;

    public static List<Scenario> load(Optional<Path> directory) {
        Map<String, Scenario> byId = new LinkedHashMap<>();
        CatalogSource builtIn = CatalogSource.classpath();
        ScenarioReader reader = new ScenarioReader(builtIn);
        for (String id : builtIn.scenarioIds()) {
            byId.put(id, reader.read(id));
        }
        directory.ifPresent(dir -> {
            CatalogSource extra = CatalogSource.directory(dir.toAbsolutePath().normalize());
            ScenarioReader extraReader = new ScenarioReader(extra);
            for (String id : extra.scenarioIds()) {
                Scenario s = extraReader.read(id);
                LOG.infof("%s scenario %s from %s", byId.containsKey(id) ? "Overriding" : "Adding", id, s.origin());
                byId.put(id, s);
            }
            // A lab text, in any language, for a built-in scenario the directory does not replace: a
            // translation added or corrected without a rebuild.
            List<String> replaced = extra.scenarioIds();
            for (Map.Entry<String, Scenario> e : List.copyOf(byId.entrySet())) {
                if (replaced.contains(e.getKey())) {
                    continue;
                }
                Scenario s = e.getValue();
                Optional<String> english = extra.read(ScenarioReader.labPath(LabLanguages.ENGLISH, s.id()));
                if (english.isPresent()) {
                    LOG.infof("Overriding the English lab text of %s from %s", s.id(), dir);
                    s = s.withLab(english.get());
                }
                for (String language : LabLanguages.TRANSLATIONS) {
                    Optional<LabTranslation> t = extraReader.translation(s.id(), language, s.hints().size());
                    if (t.isPresent()) {
                        LOG.infof("%s the %s lab text of %s from %s", s.hasLanguage(language) ? "Overriding" : "Adding",
                                language, s.id(), t.get().origin());
                        s = s.withTranslation(t.get());
                    }
                }
                byId.put(e.getKey(), s);
            }
        });
        return List.copyOf(byId.values());
    }

    /** Scenarios in the chapter's order. */
    public List<Scenario> all() {
        return ordered;
    }

    public Scenario get(String id) {
        Scenario s = id == null ? null : scenarios.get(id);
        if (s == null) {
            throw new UnknownScenarioException(id);
        }
        return s;
    }

    public Optional<Scenario> find(String id) {
        return Optional.ofNullable(id == null ? null : scenarios.get(id));
    }
}
