package io.seed.bundler.rpc.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.chain.UserOperationReceipt;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.types.Bytes;

/**
 * The ERC-7769 JSON of a UserOperation receipt: {@code userOpHash, entryPoint, sender, nonce,
 * paymaster, actualGasCost, actualGasUsed, success, reason, logs, receipt}. {@code reason} is
 * {@code 0x} when there is none; {@code receipt} is the bundle transaction's receipt as the node
 * sent it.
 */
public final class UserOperationReceiptJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private UserOperationReceiptJson() {}

  /** The receipt's JSON. */
  public static ObjectNode format(UserOperationReceipt receipt) {
    ObjectNode json = NODES.objectNode();
    json.put("userOpHash", receipt.userOpHash().toHex());
    json.put("entryPoint", HexJson.address(receipt.entryPoint().address()));
    json.put("sender", HexJson.address(receipt.sender()));
    json.put("nonce", HexJson.quantity(receipt.nonce()));
    json.put("paymaster", HexJson.address(receipt.paymaster()));
    json.put("actualGasCost", HexJson.quantity(receipt.actualGasCost()));
    json.put("actualGasUsed", HexJson.quantity(receipt.actualGasUsed()));
    json.put("success", receipt.success());
    json.put("reason", HexJson.data(receipt.revertReason().orElse(Bytes.EMPTY)));
    ArrayNode logs = json.putArray("logs");
    receipt.logs().forEach(log -> logs.add(format(log)));
    json.set("receipt", receipt.receipt().raw());
    return json;
  }

  private static ObjectNode format(Log log) {
    ObjectNode json = NODES.objectNode();
    json.put("address", HexJson.address(log.address()));
    ArrayNode topics = json.putArray("topics");
    log.topics().forEach(topic -> topics.add(topic.toHex()));
    json.put("data", HexJson.data(log.data()));
    json.put("blockNumber", HexJson.quantity(log.blockNumber()));
    json.put("blockHash", log.blockHash().toHex());
    json.put("transactionHash", log.transactionHash().toHex());
    json.put("transactionIndex", HexJson.quantity(log.transactionIndex()));
    json.put("logIndex", HexJson.quantity(log.logIndex()));
    json.put("removed", log.removed());
    return json;
  }
}
