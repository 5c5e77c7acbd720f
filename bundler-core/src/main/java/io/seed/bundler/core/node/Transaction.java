package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.util.OptionalLong;

/**
 * A transaction as {@code eth_getTransactionByHash} reports it. {@code to} is {@code null} for a
 * contract creation; {@code blockNumber} is empty while it is pending; {@code raw} is the node's
 * object as received.
 */
public record Transaction(
    Bytes32 hash, Address from, Address to, Bytes input, OptionalLong blockNumber, JsonNode raw) {

  static Transaction fromJson(JsonNode json) {
    Long block = NodeJson.optional(json, "blockNumber", Quantity::parseLong);
    return new Transaction(
        NodeJson.required(json, "hash", Bytes32::fromHex),
        NodeJson.required(json, "from", Address::fromHex),
        NodeJson.optional(json, "to", Address::fromHex),
        NodeJson.required(json, "input", Bytes::fromHex),
        block == null ? OptionalLong.empty() : OptionalLong.of(block),
        json);
  }
}
