package dev.breakfix.actions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Finds the first field of a parsed manifest that Kubernetes does not know ({@code contaners:}, a
 * misindented {@code image:}) or a quantity that is not one ({@code cpu: two}). fabric8 keeps unknown
 * fields aside instead of failing, where kubectl's validation would refuse them. Pure.
 */
final class UnknownFields {

    private static final String MODEL = "io.fabric8.kubernetes.api.model";
    private static final int MAX_DEPTH = 32;

    private UnknownFields() {
    }

    /**
     * What is wrong with the first unknown field or invalid quantity, such as
     * {@code unknown field "spec.containers[0].comand"}.
     */
    static Optional<String> find(Object o) {
        return find(o, "", 0);
    }

    private static Optional<String> find(Object o, String path, int depth) {
        if (o == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> found = find(list.get(i), path + "[" + i + "]", depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Optional<String> found = find(e.getValue(), join(path, String.valueOf(e.getKey())), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (o instanceof Quantity q) {
            try {
                q.getNumericalAmount();
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(path + ": \"" + q.getAmount() + (q.getFormat() == null ? "" : q.getFormat())
                        + "\" is not a quantity (such as 100m, 0.5, 2 or 64Mi)");
            }
        }
        if (!o.getClass().getName().startsWith(MODEL)) {
            return Optional.empty();
        }
        Optional<String> extra = additional(o).keySet().stream().findFirst()
                .map(k -> "unknown field \"" + join(path, String.valueOf(k)) + "\"");
        if (extra.isPresent()) {
            return extra;
        }
        BeanDescription bean = ManifestTrees.MAPPER.getSerializationConfig()
                .introspect(ManifestTrees.MAPPER.constructType(o.getClass()));
        for (BeanPropertyDefinition p : bean.findProperties()) {
            AnnotatedMember getter = p.getAccessor();
            if (getter == null) {
                continue;
            }
            Object value;
            try {
                value = getter.getValue(o);
            } catch (RuntimeException e) {
                continue;
            }
            Optional<String> found = find(value, join(path, p.getName()), depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Map<?, ?> additional(Object o) {
        try {
            Object m = o.getClass().getMethod("getAdditionalProperties").invoke(o);
            return m instanceof Map<?, ?> map ? map : Map.of();
        } catch (ReflectiveOperationException e) {
            return Map.of();
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
