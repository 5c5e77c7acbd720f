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
        NodeJson.address(json, "address"),
        NodeJson.list(json, "topics", topic -> NodeJson.text(topic, Bytes32::fromHex)),
        NodeJson.bytes(json, "data"),
        NodeJson.longQuantity(json, "blockNumber"),
        NodeJson.bytes32(json, "blockHash"),
        NodeJson.bytes32(json, "transactionHash"),
        Math.toIntExact(NodeJson.longQuantity(json, "transactionIndex")),
        Math.toIntExact(NodeJson.longQuantity(json, "logIndex")),
        removed != null && !removed.isNull() && NodeJson.flag(json, "removed"));
  }
}
