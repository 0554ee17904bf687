package dev.apilab.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A parsed JSON object with typed field access; every wrong field becomes a 400 that names it. */
public final class JsonBody {
    private final ObjectNode object;

    JsonBody(ObjectNode object) {
        this.object = object;
    }

    public ObjectNode object() {
        return object;
    }

    /** Refuses fields outside {@code known}, so a typo ("emial") is an error rather than silently ignored. */
    public JsonBody allowOnly(Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.invalidField(name, "is not a known field; expected " + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return this;
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> missing(field));
    }

    public Optional<String> optionalString(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.invalidField(field, "must be a string, not " + Json.describe(node));
        }
        return Optional.of(node.textValue());
    }

    public BigInteger requiredInteger(String field) {
        return optionalInteger(field).orElseThrow(() -> missing(field));
    }

    public Optional<BigInteger> optionalInteger(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(node.bigIntegerValue());
        }
        if (node.isNumber() && isWholeValue(node)) {
            // 29.0 or 2.9e1: the parser has already dropped how it was written, so say what to write instead.
            throw ApiException.invalidField(field, "must be written as a whole number, without a decimal point or exponent (like "
                    + node.decimalValue().toBigInteger() + ")");
        }
        if (node.isNumber()) {
            throw ApiException.invalidField(field, "must be a whole number, not a decimal (" + node.asText() + ")");
        }
        throw ApiException.invalidField(field, "must be an integer, not " + Json.describe(node));
    }

    public Optional<List<String>> optionalStringList(String field) {
        JsonNode node = present(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw ApiException.invalidField(field, "must be a list of strings, not " + Json.describe(node));
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.invalidField(field, "must be a list of strings; one item is " + Json.describe(item));
            }
            values.add(item.textValue());
        }
        return Optional.of(values);
    }

    public Iterable<Map.Entry<String, JsonNode>> fields() {
        return object::fields;
    }

    public int size() {
        return object.size();
    }

    /** The field's node, or null when it is absent; an explicit null is an error, not an absence. */
    private JsonNode present(String field) {
        JsonNode node = object.get(field);
        if (node != null && node.isNull()) {
            throw ApiException.invalidField(field, "must not be null");
        }
        return node;
    }

    private static boolean isWholeValue(JsonNode number) {
        java.math.BigDecimal value = number.decimalValue();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0 && value.precision() - value.scale() <= 400;
    }

    private static ApiException missing(String field) {
        return ApiException.invalidField(field, "is required");
    }
}
