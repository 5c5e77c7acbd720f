package io.seed.bundler.core.validation;

import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;

/**
 * Checks the {@link ValidationPipeline} runs before any node request for an operation, with no
 * I/O: it may only refuse what the chain would certainly refuse; everything else goes on to full
 * simulation. Told afterwards about operations the simulation accepted, so it can learn from them.
 */
public interface Prevalidation {

  /** No pre-validation: every operation goes to simulation. */
  Prevalidation NONE = new Prevalidation() {
    @Override
    public void check(PackedUserOperation op, EntryPoint entryPoint, Bytes32 userOpHash,
        long nowSeconds) {}

    @Override
    public void simulated(PackedUserOperation op, EntryPoint entryPoint) {}
  };

  /**
   * Judges {@code op}, whose hash is {@code userOpHash}, at {@code nowSeconds} (unix time).
   *
   * @throws UserOperationRejectedException when the chain would refuse the operation
   */
  void check(PackedUserOperation op, EntryPoint entryPoint, Bytes32 userOpHash, long nowSeconds)
      throws UserOperationRejectedException;

  /** {@code op} passed simulation: whatever it proved (e.g. an enable signature) may be kept. */
  void simulated(PackedUserOperation op, EntryPoint entryPoint);
}
