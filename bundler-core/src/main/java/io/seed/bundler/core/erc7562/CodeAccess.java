package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.types.Address;
import java.util.Objects;

/**
 * One {@code EXTCODESIZE}, {@code EXTCODECOPY} or {@code EXTCODEHASH} during a validation phase.
 *
 * @param opcode 0x3b, 0x3c or 0x3f
 * @param target the address whose code was read
 * @param hasCode whether it had code
 */
public record CodeAccess(int opcode, Address target, boolean hasCode) {
  public CodeAccess {
    Objects.requireNonNull(target, "target");
  }
}
