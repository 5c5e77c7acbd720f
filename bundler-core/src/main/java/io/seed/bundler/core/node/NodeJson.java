package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads typed members of node JSON objects. Every failure is an {@link IllegalArgumentException}
 * whose message names the member, so a bad answer or a bad user override says where it is bad.
 */
final class NodeJson {
  private NodeJson() {}

  static BigInteger quantity(JsonNode object, String field) {
    return required(object, field, Quantity::parse);
  }

  static BigInteger optionalQuantity(JsonNode object, String field) {
    return optional(object, field, Quantity::parse);
  }

  static long longQuantity(JsonNode object, String field) {
    return required(object, field, Quantity::parseLong);
  }

  static Address address(JsonNode object, String field) {
    return required(object, field, Address::fromHex);
  }

  static Address optionalAddress(JsonNode object, String field) {
    return optional(object, field, Address::fromHex);
  }

  static Bytes32 bytes32(JsonNode object, String field) {
    return required(object, field, Bytes32::fromHex);
  }

  static Bytes32 optionalBytes32(JsonNode object, String field) {
    return optional(object, field, Bytes32::fromHex);
  }

  static Bytes bytes(JsonNode object, String field) {
    return required(object, field, Bytes::fromHex);
  }

  static Bytes optionalBytes(JsonNode object, String field) {
    return optional(object, field, Bytes::fromHex);
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

  /** Reads a hex text node that is not a member, e.g. an element of a topic array. */
  static <T> T text(JsonNode node, Function<String, T> parser) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("expected a hex string, got " + node);
    }
    return parser.apply(node.textValue());
  }

  private static <T> T required(JsonNode object, String field, Function<String, T> parser) {
    T value = optional(object, field, parser);
    if (value == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value;
  }

  private static <T> T optional(JsonNode object, String field, Function<String, T> parser) {
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
}
