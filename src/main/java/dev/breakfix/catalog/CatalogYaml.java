package dev.breakfix.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Small YAML helpers that report the file and the field when a value is missing or of the wrong type. */
final class CatalogYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CatalogYaml() {
    }

    static JsonNode parse(String text, String file) {
        try {
            JsonNode node = YAML.readTree(text);
            if (node == null || !node.isObject()) {
                throw new CatalogException(file, "(document)", "must be a YAML mapping");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CatalogException(file, "is not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode node, String field, String file) {
        JsonNode value = at(node, field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new CatalogException(file, field, "is required and must be a non-empty string");
        }
        return value.asText();
    }

    static Optional<String> optionalText(JsonNode node, String field, String file) {
        JsonNode value = at(node, field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new CatalogException(file, field, "must be a string");
        }
        return Optional.of(value.asText());
    }

    static int integer(JsonNode node, String field, String file) {
        JsonNode value = at(node, field);
        if (value == null || !value.canConvertToInt()) {
            throw new CatalogException(file, field, "is required and must be a whole number");
        }
        return value.asInt();
    }

    static List<String> stringList(JsonNode node, String field, String file) {
        JsonNode value = at(node, field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new CatalogException(file, field, "is required and must be a non-empty list");
        }
        return strings(value, field, file);
    }

    static List<String> optionalStringList(JsonNode node, String field, String file) {
        JsonNode value = at(node, field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new CatalogException(file, field, "must be a list");
        }
        return strings(value, field, file);
    }

    private static List<String> strings(JsonNode array, String field, String file) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw new CatalogException(file, field + "[" + i + "]", "must be a non-empty string");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Dotted path lookup: {@code workload.name}. */
    static JsonNode at(JsonNode node, String field) {
        JsonNode current = node;
        for (String part : field.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }
}
