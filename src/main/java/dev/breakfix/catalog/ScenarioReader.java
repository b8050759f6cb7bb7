package dev.breakfix.catalog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.breakfix.diagnosis.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Reads and validates one {@code scenarios/<id>/} folder, its English lab text {@code labs/en/<id>.adoc} (or,
 * in the layout before translations, {@code labs/<id>.adoc}) and its translations {@code labs/<lang>/<id>.adoc}
 * with {@code labs/<lang>/<id>.yaml}.
 */
final class ScenarioReader {

    static final Set<String> ALLOWED_KINDS = Set.of("Pod", "Deployment", "ConfigMap", "Service");
    private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?");

    private final CatalogSource source;

    ScenarioReader(CatalogSource source) {
        this.source = source;
    }

    Scenario read(String id) {
        String path = "scenarios/" + id + "/scenario.yaml";
        String file = source.describe(path);
        JsonNode yaml = CatalogYaml.parse(source.read(path)
                .orElseThrow(() -> new CatalogException(file, "file", "missing")), file);

        String declaredId = CatalogYaml.text(yaml, "id", file);
        if (!declaredId.equals(id)) {
            throw new CatalogException(file, "id", "is '" + declaredId + "' but the folder is '" + id + "'");
        }
        if (!ID.matcher(id).matches()) {
            throw new CatalogException(file, "id",
                    "must be lower-case letters, digits and '-', at most 20 characters");
        }
        Workload workload = workload(yaml, file);
        List<Manifest> broken = new ArrayList<>();
        for (String name : CatalogYaml.stringList(yaml, "broken.manifests", file)) {
            broken.add(manifest(id, name, "broken.manifests"));
        }
        Expectation expect = expectation(yaml, file);
        List<SolutionStep> solution = solution(id, yaml, file, workload);
        List<String> hints = CatalogYaml.optionalStringList(yaml, "hints", file);

        Set<String> parameters = new LinkedHashSet<>();
        List<HasMetadata> objects = new ArrayList<>();
        for (Manifest m : broken) {
            parameters.addAll(ManifestTemplate.placeholders(m.template()));
            objects.addAll(validate(id, m));
        }
        // The broken manifests define the workload; check them before the solution's, so that a
        // workload that matches no manifest is reported against scenario.yaml.
        workload = workload.withInjected(checkDefinesWorkload(objects, workload, file + " (broken.manifests)").stream()
                .collect(java.util.stream.Collectors.toMap(Container::getName, Container::getImage)));
        for (SolutionStep step : solution) {
            if (step instanceof SolutionStep.Recreate r) {
                parameters.addAll(ManifestTemplate.placeholders(r.manifest().template()));
                checkDefinesWorkload(validate(id, r.manifest()), workload, source.describe(dir(id) + r.manifest().file()));
            } else if (step instanceof SolutionStep.Apply a) {
                parameters.addAll(ManifestTemplate.placeholders(a.manifest().template()));
                checkDefinesWorkload(validate(id, a.manifest()), workload, source.describe(dir(id) + a.manifest().file()));
            }
        }

        String lab = englishLab(id).orElseThrow(() -> new CatalogException(source.describe(labPath(LabLanguages.ENGLISH, id)),
                "file", "missing: every scenario needs its lab text"));

        Map<String, LabTranslation> translations = new LinkedHashMap<>();
        for (String language : LabLanguages.TRANSLATIONS) {
            translation(id, language, hints.size()).ifPresent(t -> translations.put(language, t));
        }
        return new Scenario(id, CatalogYaml.text(yaml, "title", file), CatalogYaml.integer(yaml, "order", file),
                CatalogYaml.optionalText(yaml, "summary", file).orElse(""), workload, List.copyOf(broken), expect,
                List.copyOf(solution), List.copyOf(hints), Set.copyOf(parameters), lab, file,
                QuestionReader.questions(yaml, file), translations);
    }

    static String labPath(String language, String id) {
        return "labs/" + language + "/" + id + ".adoc";
    }

    /** The English lab text: {@code labs/en/<id>.adoc}, or {@code labs/<id>.adoc} as before translations. */
    java.util.Optional<String> englishLab(String id) {
        return source.read(labPath(LabLanguages.ENGLISH, id)).or(() -> source.read("labs/" + id + ".adoc"));
    }

    /**
     * The scenario's texts in {@code language}, if this source has its lab text. The optional
     * {@code labs/<lang>/<id>.yaml} gives the title, summary and hints; its hints must be as many as the
     * English ones, so that the n-th hint is the same hint in every language.
     */
    java.util.Optional<LabTranslation> translation(String id, String language, int englishHints) {
        String adocPath = labPath(language, id);
        String yamlPath = "labs/" + language + "/" + id + ".yaml";
        java.util.Optional<String> adoc = source.read(adocPath);
        java.util.Optional<String> yamlText = source.read(yamlPath);
        if (adoc.isEmpty()) {
            if (yamlText.isPresent()) {
                throw new CatalogException(source.describe(adocPath), "file", "missing: "
                        + source.describe(yamlPath) + " translates the scenario, but its lab text is not there");
            }
            return java.util.Optional.empty();
        }
        String title = null;
        String summary = null;
        List<String> hints = null;
        if (yamlText.isPresent()) {
            String file = source.describe(yamlPath);
            JsonNode yaml = CatalogYaml.parse(yamlText.get(), file);
            title = CatalogYaml.optionalText(yaml, "title", file).orElse(null);
            summary = CatalogYaml.optionalText(yaml, "summary", file).orElse(null);
            if (CatalogYaml.at(yaml, "hints") != null) {
                hints = List.copyOf(CatalogYaml.optionalStringList(yaml, "hints", file));
                if (hints.size() != englishHints) {
                    throw new CatalogException(file, "hints", "has " + hints.size() + " hints but the scenario has "
                            + englishHints + ": translate every hint, in the same order");
                }
            }
        }
        return java.util.Optional.of(new LabTranslation(language, title, summary, hints, adoc.get(), source.describe(adocPath)));
    }

    private Workload workload(JsonNode yaml, String file) {
        String kind = CatalogYaml.text(yaml, "workload.kind", file);
        Workload.Kind k;
        try {
            k = Workload.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(file, "workload.kind", "must be Pod or Deployment, not '" + kind + "'");
        }
        String name = CatalogYaml.text(yaml, "workload.name", file);
        JsonNode containers = CatalogYaml.at(yaml, "workload.containers");
        if (containers == null || !containers.isObject() || containers.isEmpty()) {
            throw new CatalogException(file, "workload.containers", "is required: container name -> intended image");
        }
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        containers.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().asText().isBlank()) {
                throw new CatalogException(file, "workload.containers." + e.getKey(), "must name an image");
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return new Workload(k, name, map);
    }

    private Expectation expectation(JsonNode yaml, String file) {
        List<String> names = CatalogYaml.stringList(yaml, "broken.expect.states", file);
        Set<String> states = new LinkedHashSet<>();
        Set<String> known = EnumSet.allOf(PodState.class).stream().map(Enum::name).collect(Collectors.toSet());
        for (String s : names) {
            if (!known.contains(s)) {
                throw new CatalogException(file, "broken.expect.states",
                        "'" + s + "' is not a diagnosis state; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
            states.add(s);
        }
        return new Expectation(states, CatalogYaml.optionalText(yaml, "broken.expect.evidence", file));
    }

    private List<SolutionStep> solution(String id, JsonNode yaml, String file, Workload workload) {
        JsonNode steps = CatalogYaml.at(yaml, "solution");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new CatalogException(file, "solution", "is required and must be a non-empty list of steps");
        }
        List<SolutionStep> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String field = "solution[" + i + "]";
            if (!step.isObject() || step.size() != 1) {
                throw new CatalogException(file, field, "must be one of recreate, apply, setImage, labelNode");
            }
            Map.Entry<String, JsonNode> e = step.fields().next();
            out.add(switch (e.getKey()) {
                case "recreate" -> new SolutionStep.Recreate(manifest(id, e.getValue().asText(), field + ".recreate"));
                case "apply" -> new SolutionStep.Apply(manifest(id, e.getValue().asText(), field + ".apply"));
                case "setImage" -> {
                    String container = CatalogYaml.text(e.getValue(), "container", file + " " + field + ".setImage");
                    String image = CatalogYaml.text(e.getValue(), "image", file + " " + field + ".setImage");
                    if (!workload.containers().containsKey(container)) {
                        throw new CatalogException(file, field + ".setImage.container",
                                "'" + container + "' is not a container of the workload");
                    }
                    yield new SolutionStep.SetImage(container, image);
                }
                case "labelNode" -> new SolutionStep.LabelNode();
                default -> throw new CatalogException(file, field,
                        "unknown step '" + e.getKey() + "'; use recreate, apply, setImage or labelNode");
            });
        }
        return out;
    }

    private Manifest manifest(String id, String name, String field) {
        String path = dir(id) + name;
        if (name.contains("/") || name.contains("..")) {
            throw new CatalogException(source.describe(dir(id) + "scenario.yaml"), field,
                    "'" + name + "' must be a file in the scenario's folder");
        }
        String text = source.read(path).orElseThrow(() -> new CatalogException(
                source.describe(dir(id) + "scenario.yaml"), field, "names '" + name + "', which does not exist"));
        return new Manifest(name, text);
    }

    private List<HasMetadata> validate(String id, Manifest m) {
        // Name the manifest by its place in the source, as for scenario.yaml, not by its bare file name.
        String file = source.describe(dir(id) + m.file());
        Set<String> unknown = new LinkedHashSet<>(ManifestTemplate.placeholders(m.template()));
        unknown.removeAll(ManifestTemplate.PARAMETERS);
        if (!unknown.isEmpty()) {
            throw new CatalogException(file, "${" + unknown.iterator().next() + "}",
                    "unknown parameter; known: " + String.join(", ", new java.util.TreeSet<>(ManifestTemplate.PARAMETERS)));
        }
        List<HasMetadata> objects;
        try {
            objects = ManifestTemplate.render(m, ManifestTemplate.SAMPLE_VALUES);
        } catch (RuntimeException e) {
            throw new CatalogException(file, "is not a valid Kubernetes manifest: " + e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw new CatalogException(file, "(document)", "holds no Kubernetes object");
        }
        for (HasMetadata o : objects) {
            if (!ALLOWED_KINDS.contains(o.getKind())) {
                throw new CatalogException(file, "kind", "'" + o.getKind() + "' is not allowed in a lab; allowed: " + ALLOWED_KINDS);
            }
            if (o.getMetadata() == null || o.getMetadata().getName() == null) {
                throw new CatalogException(file, "metadata.name", "is required");
            }
            if (o.getMetadata().getNamespace() != null) {
                throw new CatalogException(file, "metadata.namespace", "must be left out: Breakfix sets the lab's namespace");
            }
        }
        return objects;
    }

    /** The workload's containers as {@code objects} define them; a missing workload or other containers are refused. */
    private static List<Container> checkDefinesWorkload(List<HasMetadata> objects, Workload workload, String where) {
        List<Container> containers = objects.stream()
                .filter(o -> o.getKind().equals(workload.kind().name()) && o.getMetadata().getName().equals(workload.name()))
                .findFirst()
                .map(o -> o instanceof Pod p ? p.getSpec().getContainers()
                        : ((Deployment) o).getSpec().getTemplate().getSpec().getContainers())
                .orElseThrow(() -> new CatalogException(where, "workload",
                        "defines no " + workload.kind() + " named '" + workload.name() + "'"));
        List<String> names = containers.stream().map(Container::getName).toList();
        if (!names.equals(List.copyOf(workload.containers().keySet()))) {
            throw new CatalogException(where, "workload.containers",
                    "the manifest's containers " + names + " differ from " + workload.containers().keySet());
        }
        return containers;
    }

    private static String dir(String id) {
        return "scenarios/" + id + "/";
    }
}
