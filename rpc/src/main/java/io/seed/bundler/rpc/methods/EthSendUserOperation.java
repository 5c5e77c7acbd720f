package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.core.validation.ValidationPipeline;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.UserOperationJson;
import java.util.Objects;

/**
 * {@code eth_sendUserOperation(userOp, entryPoint)}: validates the operation in full and admits it
 * to the pool; answers its userOpHash. The hash is returned only once the pool holds it.
 */
public final class EthSendUserOperation extends NamedMethod {
  private final UserOperationParams params;
  private final ValidationPipeline pipeline;
  private final UserOperationPool pool;

  /** Sends to {@code pool} what {@code pipeline} accepts, for the {@code entryPoints} served. */
  public EthSendUserOperation(
      SupportedEntryPoints entryPoints,
      UserOperationJson json,
      ValidationPipeline pipeline,
      UserOperationPool pool) {
    super("eth_sendUserOperation");
    this.params = new UserOperationParams(entryPoints, json);
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Object execute(JsonRpcRequest request) throws UserOperationRejectedException {
    request.requireParamCount(2, 2);
    UserOperationParams.Target target = params.forInclusion(request);
    PoolEntry entry = pipeline.validate(target.operation(), target.entryPoint());
    pool.add(entry);
    return entry.userOpHash().toHex();
  }
}
