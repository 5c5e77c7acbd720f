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
        NodeJson.longQuantity(json, "number"),
        NodeJson.optionalBytes32(json, "hash"),
        NodeJson.bytes32(json, "parentHash"),
        NodeJson.longQuantity(json, "timestamp"),
        NodeJson.optionalQuantity(json, "baseFeePerGas"),
        NodeJson.longQuantity(json, "gasLimit"));
  }
}
