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
    BigInteger status = NodeJson.quantity(json, "status");
    return new TransactionReceipt(
        NodeJson.bytes32(json, "transactionHash"),
        NodeJson.longQuantity(json, "blockNumber"),
        NodeJson.bytes32(json, "blockHash"),
        NodeJson.address(json, "from"),
        NodeJson.optionalAddress(json, "to"),
        status.signum() != 0,
        NodeJson.quantity(json, "gasUsed"),
        NodeJson.quantity(json, "effectiveGasPrice"),
        NodeJson.list(json, "logs", Log::fromJson),
        json);
  }
}
