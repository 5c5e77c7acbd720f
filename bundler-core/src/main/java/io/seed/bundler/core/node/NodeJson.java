package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed members of node JSON objects. Every failure is an {@link IllegalArgumentException}
 * whose message names the member, so a bad answer or a bad user override says where it is bad.
 */
final class NodeJson {
  private NodeJson() {}

  /** The hex member {@code field} read by {@code parser}; it must be present. */
  static <T> T required(JsonNode object, String field, Function<String, T> parser) {
    T value = optional(object, field, parser);
    if (value == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value;
  }

  /** The hex member {@code field} read by {@code parser}, or {@code null} when absent or null. */
  static <T> T optional(JsonNode object, String field, Function<String, T> parser) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a hex string, got " + value);
    }
    try {
      return parser.apply(value.textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  static boolean flag(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isBoolean()) {
      throw new IllegalArgumentException(field + ": expected true or false, got " + value);
    }
    return value.booleanValue();
  }

  /** The elements of the array member {@code field}, each read by {@code reader}. */
  static <T> List<T> list(JsonNode object, String field, Function<JsonNode, T> reader) {
    return elements(object.get(field), field, reader);
  }

  /** The elements of {@code array}, called {@code name} in messages, each read by {@code reader}. */
  static <T> List<T> elements(JsonNode array, String name, Function<JsonNode, T> reader) {
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(name + ": expected an array, got " + array);
    }
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        out.add(reader.apply(array.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + "[" + i + "]: " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The members of {@code object}, called {@code name} in messages, with keys read by {@code key}
   * and values by {@code value}.
   */
  static <K, V> Map<K, V> members(
      JsonNode object, String name, Function<String, K> key, Function<JsonNode, V> value) {
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException(name + ": expected an object, got " + object);
    }
    Map<K, V> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      K parsedKey;
      try {
        parsedKey = key.apply(member.getKey());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            name + ": key '" + member.getKey() + "': " + e.getMessage(), e);
      }
      try {
        out.put(parsedKey, value.apply(member.getValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            name + " of " + member.getKey() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Reads a hex text node that is not a member, e.g. an element of a topic array. */
  static <T> T text(JsonNode node, Function<String, T> parser) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("expected a hex string, got " + node);
    }
    return parser.apply(node.textValue());
  }
}
