package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.util.List;

/** An event log as the node reports it; {@code removed} is true when a reorg dropped it. */
public record Log(
    Address address,
    List<Bytes32> topics,
    Bytes data,
    long blockNumber,
    Bytes32 blockHash,
    Bytes32 transactionHash,
    int transactionIndex,
    int logIndex,
    boolean removed) {

  public Log {
    topics = List.copyOf(topics);
  }

  static Log fromJson(JsonNode json) {
    JsonNode removed = json.get("removed");
    return new Log(
        NodeJson.required(json, "address", Address::fromHex),
        NodeJson.list(json, "topics", topic -> NodeJson.text(topic, Bytes32::fromHex)),
        NodeJson.required(json, "data", Bytes::fromHex),
        NodeJson.required(json, "blockNumber", Quantity::parseLong),
        NodeJson.required(json, "blockHash", Bytes32::fromHex),
        NodeJson.required(json, "transactionHash", Bytes32::fromHex),
        Math.toIntExact(NodeJson.required(json, "transactionIndex", Quantity::parseLong)),
        Math.toIntExact(NodeJson.required(json, "logIndex", Quantity::parseLong)),
        removed != null && !removed.isNull() && NodeJson.flag(json, "removed"));
  }
}
