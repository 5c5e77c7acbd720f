package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Typed {@code eth_*} calls over a {@link NodeClient}. Futures fail as the client's do ({@link
 * NodeException}, {@link NodeUnavailableException}); an answer of the wrong shape fails with an
 * {@link IllegalStateException} naming the method and the member.
 */
public final class EthApi {
  private final NodeClient client;

  /** Calls through {@code client}. */
  public EthApi(NodeClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** {@code eth_chainId}. */
  public CompletableFuture<Long> chainId() {
    return call("eth_chainId", EthApi::longValue);
  }

  /** {@code eth_blockNumber}. */
  public CompletableFuture<Long> blockNumber() {
    return call("eth_blockNumber", EthApi::longValue);
  }

  /** The header of the latest block. */
  public CompletableFuture<BlockHeader> latestBlock() {
    return requiredBlock(BlockTag.LATEST);
  }

  /** The header of the block being built (its hash is {@code null}). */
  public CompletableFuture<BlockHeader> pendingBlock() {
    return requiredBlock(BlockTag.PENDING);
  }

  /** The header of block {@code number}, empty when the chain is not that long. */
  public CompletableFuture<Optional<BlockHeader>> getBlockByNumber(long number) {
    return call(
        "eth_getBlockByNumber", json -> optional(json, BlockHeader::fromJson),
        BlockTag.number(number), false);
  }

  /** The header of the block with {@code hash}, empty when the node does not know it. */
  public CompletableFuture<Optional<BlockHeader>> getBlockByHash(Bytes32 hash) {
    return call("eth_getBlockByHash", json -> optional(json, BlockHeader::fromJson), hash, false);
  }

  /** {@code eth_getCode}; empty for an account without code. */
  public CompletableFuture<Bytes> getCode(Address address, BlockTag block) {
    return call("eth_getCode", EthApi::bytesValue, address, block);
  }

  /** {@code eth_getBalance} in wei. */
  public CompletableFuture<BigInteger> getBalance(Address address, BlockTag block) {
    return call("eth_getBalance", EthApi::quantityValue, address, block);
  }

  /** {@code eth_getTransactionCount}: the account's next nonce as of {@code block}. */
  public CompletableFuture<Long> getTransactionCount(Address address, BlockTag block) {
    return call("eth_getTransactionCount", EthApi::longValue, address, block);
  }

  /**
   * {@code eth_call}; a revert fails the future with a {@link NodeException} whose {@link
   * NodeException#revertData()} holds the revert data.
   *
   * @param overrides state overrides, or {@code null} for none
   */
  public CompletableFuture<Bytes> ethCall(
      CallRequest call, BlockTag block, StateOverrideSet overrides) {
    return withOverrides("eth_call", EthApi::bytesValue, call, block, overrides);
  }

  /** A view call: {@code eth_call} of {@code data} to {@code to}, latest block, no overrides. */
  public CompletableFuture<Bytes> viewCall(Address to, Bytes data) {
    return ethCall(CallRequest.to(to, data), BlockTag.LATEST, StateOverrideSet.EMPTY);
  }

  /**
   * {@code eth_estimateGas}.
   *
   * @param overrides state overrides, or {@code null} for none
   */
  public CompletableFuture<BigInteger> estimateGas(
      CallRequest call, BlockTag block, StateOverrideSet overrides) {
    return withOverrides("eth_estimateGas", EthApi::quantityValue, call, block, overrides);
  }

  /** {@code eth_sendRawTransaction}; completes with the transaction hash. */
  public CompletableFuture<Bytes32> sendRawTransaction(Bytes signedTransaction) {
    return call(
        "eth_sendRawTransaction", json -> NodeJson.text(json, Bytes32::fromHex), signedTransaction);
  }

  /** The receipt of a mined transaction, empty while it is pending or unknown. */
  public CompletableFuture<Optional<TransactionReceipt>> getTransactionReceipt(Bytes32 hash) {
    return call(
        "eth_getTransactionReceipt", json -> optional(json, TransactionReceipt::fromJson), hash);
  }

  /** A transaction by hash, empty when the node does not know it. */
  public CompletableFuture<Optional<Transaction>> getTransactionByHash(Bytes32 hash) {
    return call("eth_getTransactionByHash", json -> optional(json, Transaction::fromJson), hash);
  }

  /** {@code eth_getLogs}. */
  public CompletableFuture<List<Log>> getLogs(LogFilter filter) {
    return call("eth_getLogs", EthApi::logs, filter);
  }

  /** {@code eth_maxPriorityFeePerGas}: the node's suggested tip in wei. */
  public CompletableFuture<BigInteger> maxPriorityFeePerGas() {
    return call("eth_maxPriorityFeePerGas", EthApi::quantityValue);
  }

  private CompletableFuture<BlockHeader> requiredBlock(BlockTag tag) {
    return call(
        "eth_getBlockByNumber",
        json -> {
          if (json.isNull()) {
            throw new IllegalArgumentException("no " + tag + " block");
          }
          return BlockHeader.fromJson(json);
        },
        tag, false);
  }

  private <T> CompletableFuture<T> withOverrides(
      String method,
      Function<JsonNode, T> parser,
      CallRequest call,
      BlockTag block,
      StateOverrideSet overrides) {
    return overrides == null || overrides.isEmpty()
        ? call(method, parser, call, block)
        : call(method, parser, call, block, overrides);
  }

  private <T> CompletableFuture<T> call(
      String method, Function<JsonNode, T> parser, Object... params) {
    return client
        .request(method, params)
        .thenApply(
            json -> {
              try {
                return parser.apply(json);
              } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalStateException(
                    "node answered " + method + " with an unusable result: " + e.getMessage(), e);
              }
            });
  }

  private static <T> Optional<T> optional(JsonNode json, Function<JsonNode, T> parser) {
    return json.isNull() ? Optional.empty() : Optional.of(parser.apply(json));
  }

  private static long longValue(JsonNode json) {
    return NodeJson.text(json, Quantity::parseLong);
  }

  private static BigInteger quantityValue(JsonNode json) {
    return NodeJson.text(json, Quantity::parse);
  }

  private static Bytes bytesValue(JsonNode json) {
    return NodeJson.text(json, Bytes::fromHex);
  }

  private static List<Log> logs(JsonNode json) {
    return NodeJson.elements(json, "logs", Log::fromJson);
  }
}
