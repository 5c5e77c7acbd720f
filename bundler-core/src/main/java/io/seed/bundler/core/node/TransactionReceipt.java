package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;

/**
 * A mined transaction's receipt. {@code to} is {@code null} for a contract creation; {@code raw}
 * is the node's object as received, for handing on unchanged.
 */
public record TransactionReceipt(
    Bytes32 transactionHash,
    long blockNumber,
    Bytes32 blockHash,
    Address from,
    Address to,
    boolean status,
    BigInteger gasUsed,
    BigInteger effectiveGasPrice,
    List<Log> logs,
    JsonNode raw) {

  public TransactionReceipt {
    logs = List.copyOf(logs);
  }

  static TransactionReceipt fromJson(JsonNode json) {
    BigInteger status = NodeJson.required(json, "status", Quantity::parse);
    return new TransactionReceipt(
        NodeJson.required(json, "transactionHash", Bytes32::fromHex),
        NodeJson.required(json, "blockNumber", Quantity::parseLong),
        NodeJson.required(json, "blockHash", Bytes32::fromHex),
        NodeJson.required(json, "from", Address::fromHex),
        NodeJson.optional(json, "to", Address::fromHex),
        status.signum() != 0,
        NodeJson.required(json, "gasUsed", Quantity::parse),
        NodeJson.required(json, "effectiveGasPrice", Quantity::parse),
        NodeJson.list(json, "logs", Log::fromJson),
        json);
  }
}
