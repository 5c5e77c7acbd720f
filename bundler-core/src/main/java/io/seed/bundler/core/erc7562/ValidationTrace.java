package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed collector trace of one {@code simulateValidation}.
 *
 * @param output the call's return data, or its revert data when {@code reverted}
 * @param reverted whether the simulation reverted
 * @param frames the validation phases in the order they ran
 * @param keccakPreimages the 64-byte inputs of {@code KECCAK256} during the phases, from which
 *     associated storage slots are derived
 */
public record ValidationTrace(
    Bytes output, boolean reverted, List<EntityFrame> frames, List<Bytes> keccakPreimages) {
  public ValidationTrace {
    Objects.requireNonNull(output, "output");
    frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
    keccakPreimages = List.copyOf(Objects.requireNonNull(keccakPreimages, "keccakPreimages"));
  }

  /** Every address whose code the phases used: called or read with {@code EXTCODE*}. */
  public Set<Address> codeAddresses() {
    Set<Address> addresses = new LinkedHashSet<>();
    for (EntityFrame frame : frames) {
      frame.calls().forEach(call -> addresses.add(call.to()));
      frame.codeAccesses().forEach(access -> addresses.add(access.target()));
    }
    return addresses;
  }
}
