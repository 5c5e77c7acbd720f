package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.types.Address;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one validation phase did, as the collector tracer saw it: the frame the EntryPoint opened
 * for the entity and every frame below it.
 *
 * @param entity whose phase it is
 * @param opcodes how often each banned or conditional opcode ran (by opcode number); {@code GAS}
 *     counts only when not followed by a {@code *CALL}
 * @param storage slots read and written, per contract
 * @param calls the calls made
 * @param codeAccesses the {@code EXTCODE*} reads
 * @param outOfGas whether a frame in the phase ran out of gas
 */
public record EntityFrame(
    Entity entity,
    Map<Integer, Integer> opcodes,
    Map<Address, StorageAccess> storage,
    List<CallRecord> calls,
    List<CodeAccess> codeAccesses,
    boolean outOfGas) {
  public EntityFrame {
    Objects.requireNonNull(entity, "entity");
    opcodes = Map.copyOf(Objects.requireNonNull(opcodes, "opcodes"));
    storage = Map.copyOf(Objects.requireNonNull(storage, "storage"));
    calls = List.copyOf(Objects.requireNonNull(calls, "calls"));
    codeAccesses = List.copyOf(Objects.requireNonNull(codeAccesses, "codeAccesses"));
  }

  /** How often {@code opcode} ran in this phase. */
  public int count(int opcode) {
    return opcodes.getOrDefault(opcode, 0);
  }
}
