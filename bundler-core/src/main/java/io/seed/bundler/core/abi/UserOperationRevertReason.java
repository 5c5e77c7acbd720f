package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The EntryPoint's {@code UserOperationRevertReason(bytes32 indexed userOpHash, address indexed
 * sender, uint256 nonce, bytes revertReason)}, emitted before the {@link UserOperationEvent} of an
 * operation whose call reverted.
 *
 * @param revertReason the revert data of the account's call, as returned
 */
public record UserOperationRevertReason(
    Bytes32 userOpHash, Address sender, BigInteger nonce, Bytes revertReason) {
  public UserOperationRevertReason {
    Objects.requireNonNull(userOpHash, "userOpHash");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(revertReason, "revertReason");
  }
}
