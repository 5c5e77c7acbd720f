package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.mempool.reputation.EntryPointStakes;
import io.seed.bundler.mempool.reputation.StakeStatus;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.HexJson;
import java.util.Objects;

/**
 * {@code debug_bundler_getStakeStatus(address, entryPoint)}: the entity's stake in the EntryPoint
 * at the latest block and whether it meets this bundler's minimums, as {@code {stakeInfo: {addr,
 * stake, unstakeDelaySec}, isStaked}}. Stake and delay are decimal strings, as the spec tests
 * compare them ({@code "1000000000000000000"}, {@code "2"}).
 */
public final class DebugBundlerGetStakeStatus extends NamedMethod {
  private final SupportedEntryPoints entryPoints;
  private final EntryPointStakes stakes;

  /** Reads stakes through {@code stakes} for the {@code entryPoints} served. */
  public DebugBundlerGetStakeStatus(SupportedEntryPoints entryPoints, EntryPointStakes stakes) {
    super("debug_bundler_getStakeStatus");
    this.entryPoints = Objects.requireNonNull(entryPoints, "entryPoints");
    this.stakes = Objects.requireNonNull(stakes, "stakes");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(2, 2);
    Address address = HexJson.address(request.requiredParam(0, "address"), "parameter 'address'");
    EntryPoint entryPoint = entryPoints.resolve(request.requiredParam(1, "entryPoint"));
    StakeStatus status = stakes.stakeStatus(entryPoint, address);
    return new Result(
        new Stake(
            HexJson.address(status.address()), status.stake().toString(),
            Long.toString(status.unstakeDelaySec())),
        status.staked());
  }

  /** The answer, serialised in this field order. */
  record Result(Stake stakeInfo, boolean isStaked) {}

  /** The entity's stake. */
  record Stake(String addr, String stake, String unstakeDelaySec) {}
}
