package io.seed.bundler.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.chain.IncludedUserOperation;
import io.seed.bundler.core.chain.UserOperationLookup;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.HexJson;
import io.seed.bundler.rpc.wire.UserOperationJson;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code eth_getUserOperationByHash(userOpHash)}: a pending operation from the pool (block fields
 * {@code null}), else an included one from the chain, else {@code null}. The pool is asked first:
 * it answers without a node round trip, and the builder removes an operation from it as soon as
 * its bundle is mined.
 */
public final class EthGetUserOperationByHash extends NamedMethod {
  private final UserOperationPool pool;
  private final UserOperationLookup lookup;
  private final UserOperationJson json;

  /** Looks in {@code pool}, then through {@code lookup}. */
  public EthGetUserOperationByHash(
      UserOperationPool pool, UserOperationLookup lookup, UserOperationJson json) {
    super("eth_getUserOperationByHash");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(1, 1);
    Bytes32 hash = UserOperationHashParam.read(request);
    Optional<PoolEntry> pending = pool.get(hash);
    if (pending.isPresent()) {
      PoolEntry entry = pending.get();
      return new Result(
          json.format(entry.operation()), HexJson.address(entry.entryPoint().address()),
          null, null, null);
    }
    return lookup.findIncluded(hash).map(this::included).orElse(null);
  }

  private Result included(IncludedUserOperation op) {
    return new Result(
        json.format(op.userOperation()),
        HexJson.address(op.entryPoint().address()),
        HexJson.quantity(op.blockNumber()),
        op.blockHash().toHex(),
        op.transactionHash().toHex());
  }

  /** The answer; the block fields are {@code null} while the operation is pending. */
  record Result(
      JsonNode userOperation,
      String entryPoint,
      String blockNumber,
      String blockHash,
      String transactionHash) {}
}
