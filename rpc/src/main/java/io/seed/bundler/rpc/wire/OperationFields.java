package io.seed.bundler.rpc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one JSON object of a UserOperation, read with error messages that name the field.
 * Absent and {@code null} mean the same: SDKs send either for a field they do not set.
 */
final class OperationFields {
  private final JsonNode json;
  private final String prefix;

  /**
   * Checks that {@code json} holds only {@code known} fields; the caller has checked that it is an
   * object.
   *
   * @param prefix put before a field's name in messages ({@code eip7702Auth.} for nested fields)
   * @param layout what the object is, for the message about an unknown field
   */
  OperationFields(JsonNode json, Set<String> known, String prefix, String layout) {
    this.json = json;
    this.prefix = prefix;
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw invalid(name, "not a field of " + layout);
      }
    }
  }

  /** The field's value, empty when absent or {@code null}. */
  Optional<JsonNode> value(String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  Address address(String name) {
    return HexJson.address(json.get(name), what(name));
  }

  /** An optional address, where {@code "0x"} also means absent. */
  Optional<Address> optionalAddress(String name) {
    return value(name)
        .filter(node -> !"0x".equals(node.textValue()))
        .map(node -> HexJson.address(node, what(name)));
  }

  BigInteger quantity(String name, int bits) {
    return HexJson.quantity(json.get(name), bits, what(name));
  }

  /** A quantity that is zero when absent. */
  BigInteger quantityOrZero(String name, int bits) {
    return value(name)
        .map(node -> HexJson.quantity(node, bits, what(name)))
        .orElse(BigInteger.ZERO);
  }

  BigInteger paddedNumber(String name, int bits) {
    return HexJson.paddedNumber(json.get(name), bits, what(name));
  }

  Bytes data(String name, int maxBytes) {
    return HexJson.data(json.get(name), maxBytes, what(name));
  }

  /** Data that is empty when absent. */
  Bytes dataOrEmpty(String name, int maxBytes) {
    return value(name).map(node -> HexJson.data(node, maxBytes, what(name))).orElse(Bytes.EMPTY);
  }

  RpcException invalid(String name, String reason) {
    return RpcException.invalidParams("invalid " + what(name) + ": " + reason);
  }

  private String what(String name) {
    return "userOp field '" + prefix + name + "'";
  }
}
