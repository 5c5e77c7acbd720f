package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;

/**
 * The block fields the bundler reads. {@code hash} is {@code null} for the pending block; {@code
 * baseFeePerGas} is {@code null} on a chain without EIP-1559.
 */
public record BlockHeader(
    long number,
    Bytes32 hash,
    Bytes32 parentHash,
    long timestamp,
    BigInteger baseFeePerGas,
    long gasLimit) {

  static BlockHeader fromJson(JsonNode json) {
    return new BlockHeader(
        NodeJson.required(json, "number", Quantity::parseLong),
        NodeJson.optional(json, "hash", Bytes32::fromHex),
        NodeJson.required(json, "parentHash", Bytes32::fromHex),
        NodeJson.required(json, "timestamp", Quantity::parseLong),
        NodeJson.optional(json, "baseFeePerGas", Quantity::parse),
        NodeJson.required(json, "gasLimit", Quantity::parseLong));
  }
}
