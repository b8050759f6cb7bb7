package dev.breakfix.actions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Compares parts of Kubernetes objects as JSON trees, the way the API server sees them: empty values
 * equal absent ones, quantities compare by amount ({@code 0.1} = {@code 100m}), and a value the server
 * fills in by default counts as unchanged when the manifest leaves it out. Pure functions.
 */
final class ManifestTrees {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A value that differs: where, what the cluster has, what the manifest asks for (either may be null). */
    record Difference(String path, JsonNode live, JsonNode desired) {

        String describe() {
            return path + ": " + render(live) + " → " + render(desired);
        }

        private static String render(JsonNode n) {
            if (n == null) {
                return "(none)";
            }
            String s = n.isTextual() ? n.textValue() : n.toString();
            return s.length() > 120 ? s.substring(0, 117) + "..." : s;
        }
    }

    private static final Predicate<JsonNode> ANY = n -> true;

    /**
     * Fields the API server fills in by default when a manifest leaves them out, with the value it fills
     * in. Left out of the manifest, they keep the live object's value.
     */
    private static final Map<String, Predicate<JsonNode>> SERVER_DEFAULTS = Map.ofEntries(
            Map.entry("dnsPolicy", is("ClusterFirst")),
            Map.entry("enableServiceLinks", n -> n.isBoolean() && n.booleanValue()),
            Map.entry("restartPolicy", is("Always")),
            Map.entry("schedulerName", is("default-scheduler")),
            Map.entry("terminationGracePeriodSeconds", number(30)),
            // set from the image's tag (Always for none or :latest, else IfNotPresent)
            Map.entry("imagePullPolicy", is("Always").or(is("IfNotPresent"))),
            Map.entry("terminationMessagePath", is("/dev/termination-log")),
            Map.entry("terminationMessagePolicy", is("File")),
            Map.entry("resizePolicy", ANY),
            Map.entry("protocol", is("TCP")),
            Map.entry("timeoutSeconds", number(1)),
            Map.entry("periodSeconds", number(10)),
            Map.entry("successThreshold", number(1)),
            Map.entry("failureThreshold", number(3)),
            Map.entry("scheme", is("HTTP")),
            Map.entry("defaultMode", number(420)),
            Map.entry("apiVersion", is("v1")),
            Map.entry("creationTimestamp", ANY),
            // Deployments
            Map.entry("replicas", number(1)),
            Map.entry("revisionHistoryLimit", number(10)),
            Map.entry("progressDeadlineSeconds", number(600)),
            Map.entry("strategy", n -> "RollingUpdate".equals(n.path("type").textValue())
                    && "25%".equals(n.path("rollingUpdate").path("maxSurge").textValue())
                    && "25%".equals(n.path("rollingUpdate").path("maxUnavailable").textValue())),
            // Services
            Map.entry("clusterIP", ANY),
            Map.entry("clusterIPs", ANY),
            Map.entry("ipFamilies", ANY),
            Map.entry("ipFamilyPolicy", is("SingleStack")),
            Map.entry("internalTrafficPolicy", is("Cluster")),
            Map.entry("externalTrafficPolicy", is("Cluster")),
            Map.entry("sessionAffinity", is("None")),
            Map.entry("type", is("ClusterIP")),
            Map.entry("targetPort", ANY),
            Map.entry("nodePort", ANY),
            Map.entry("healthCheckNodePort", ANY),
            Map.entry("allocateLoadBalancerNodePorts", ANY));

    /** What admission and the scheduler add to a live Pod (not to a Deployment's template). */
    private static final Map<String, Predicate<JsonNode>> POD_ADMISSION = Map.of(
            "preemptionPolicy", is("PreemptLowerPriority"),
            "priority", n -> n.isNumber() && n.intValue() == 0,
            "serviceAccount", is("default"),
            "serviceAccountName", is("default"),
            "nodeName", ANY,
            "tolerations", ANY,
            "overhead", ANY);

    /** The ServiceAccount token volume admission adds to every Pod (v1.20: a Secret; later: projected). */
    static final Pattern TOKEN_VOLUME = Pattern.compile("(kube-api-access|default-token)-[a-z0-9]+");

    private ManifestTrees() {
    }

    /** A fabric8 object (or part of one) as a normalised JSON tree; null when it is empty. */
    static JsonNode tree(Object o) {
        if (o == null) {
            return null;
        }
        return normalize(MAPPER.valueToTree(o));
    }

    /** Removes nulls, empty arrays and empty objects. Null when nothing is left. */
    static JsonNode normalize(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> f : n.properties()) {
                JsonNode v = normalize(f.getValue());
                if (v != null) {
                    out.set(f.getKey(), v);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (n.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            for (JsonNode e : n) {
                JsonNode v = normalize(e);
                out.add(v == null ? MAPPER.nullNode() : v);
            }
            return out.isEmpty() ? null : out;
        }
        return n;
    }

    /** Equal values; under requests, limits and overhead, quantities of the same amount are equal. */
    private static boolean same(String path, JsonNode live, JsonNode desired) {
        if (live.equals(desired)) {
            return true;
        }
        if (live.isTextual() && desired.isTextual() && QUANTITY_PATH.matcher(path).find()) {
            try {
                BigDecimal l = new Quantity(live.textValue()).getNumericalAmount();
                BigDecimal d = new Quantity(desired.textValue()).getNumericalAmount();
                return l.compareTo(d) == 0;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static final Pattern QUANTITY_PATH = Pattern.compile("\\.(requests|limits|overhead)\\.");

    /**
     * Removes from {@code live} what the server filled in by default where {@code desired} leaves it
     * out, walking both trees in parallel (arrays by index). {@code livePod}: {@code live} is (part of)
     * a Pod, which admission and the scheduler also filled in. Changes {@code live} in place.
     */
    static void dropServerDefaults(JsonNode live, JsonNode desired, boolean livePod) {
        if (live instanceof ObjectNode lo) {
            for (String key : fieldNames(lo)) {
                JsonNode d = desired == null || !desired.isObject() ? null : desired.get(key);
                Predicate<JsonNode> defaulted = SERVER_DEFAULTS.get(key);
                if (defaulted == null && livePod) {
                    defaulted = POD_ADMISSION.get(key);
                }
                if (d == null && defaulted != null && defaulted.test(lo.get(key))) {
                    lo.remove(key);
                } else {
                    dropServerDefaults(lo.get(key), d, livePod);
                }
            }
        } else if (live instanceof ArrayNode la) {
            for (int i = 0; i < la.size(); i++) {
                dropServerDefaults(la.get(i), desired != null && desired.isArray() && i < desired.size() ? desired.get(i) : null,
                        livePod);
            }
        }
    }

    /**
     * Removes the ServiceAccount token volume admission added to a Pod spec (and its mounts), unless the
     * desired spec names it too. Changes {@code liveSpec} in place.
     */
    static void dropTokenVolume(JsonNode liveSpec, JsonNode desiredSpec) {
        if (!(liveSpec instanceof ObjectNode spec)) {
            return;
        }
        Set<String> wanted = names(desiredSpec == null ? null : desiredSpec.get("volumes"));
        Set<String> dropped = new LinkedHashSet<>();
        if (spec.get("volumes") instanceof ArrayNode volumes) {
            for (Iterator<JsonNode> it = volumes.iterator(); it.hasNext();) {
                String name = it.next().path("name").asText("");
                if (TOKEN_VOLUME.matcher(name).matches() && !wanted.contains(name)) {
                    dropped.add(name);
                    it.remove();
                }
            }
        }
        for (String list : List.of("containers", "initContainers")) {
            if (spec.get(list) instanceof ArrayNode containers) {
                for (JsonNode c : containers) {
                    if (c.get("volumeMounts") instanceof ArrayNode mounts) {
                        mounts.removeIf(m -> dropped.contains(m.path("name").asText("")));
                    }
                }
            }
        }
    }

    /** Every value that differs between the two (normalised) trees, with its path. */
    static List<Difference> diff(String path, JsonNode live, JsonNode desired) {
        List<Difference> out = new ArrayList<>();
        diff(path, live, desired, out);
        return out;
    }

    private static void diff(String path, JsonNode live, JsonNode desired, List<Difference> out) {
        if (live == null || live.isNull()) {
            if (desired != null && !desired.isNull()) {
                out.add(new Difference(path, null, desired));
            }
            return;
        }
        if (desired == null || desired.isNull()) {
            out.add(new Difference(path, live, null));
            return;
        }
        if (live.isObject() && desired.isObject()) {
            Set<String> keys = new LinkedHashSet<>(fieldNames(live));
            keys.addAll(fieldNames(desired));
            for (String k : keys) {
                diff(path + "." + k, live.get(k), desired.get(k), out);
            }
        } else if (live.isArray() && desired.isArray()) {
            for (int i = 0; i < Math.max(live.size(), desired.size()); i++) {
                JsonNode l = i < live.size() ? live.get(i) : null;
                JsonNode d = i < desired.size() ? desired.get(i) : null;
                diff(path + "[" + element(l, d, i) + "]", l, d, out);
            }
        } else if (!same(path, live, desired)) {
            out.add(new Difference(path, live, desired));
        }
    }

    /** An array element by name where both sides agree on it ({@code containers[sleep]}), else by index. */
    private static String element(JsonNode l, JsonNode d, int i) {
        String ln = l == null ? null : l.path("name").textValue();
        String dn = d == null ? null : d.path("name").textValue();
        return ln != null && ln.equals(dn) ? ln : Integer.toString(i);
    }

    /** True when every label (or annotation) of {@code wanted} is already on the object. */
    static boolean containsAll(Map<String, String> have, Map<String, String> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        return have != null && have.entrySet().containsAll(wanted.entrySet());
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> names.add(e.path("name").asText("")));
        }
        return names;
    }

    private static Predicate<JsonNode> is(String value) {
        return n -> n.isTextual() && n.textValue().equals(value);
    }

    private static Predicate<JsonNode> number(int value) {
        return n -> n.isNumber() && n.longValue() == value;
    }
}
