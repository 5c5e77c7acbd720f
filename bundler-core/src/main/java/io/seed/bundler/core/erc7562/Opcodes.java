package io.seed.bundler.core.erc7562;

import java.util.Map;
import java.util.Set;

/** The opcode numbers and names the rules talk about. */
final class Opcodes {
  static final int BALANCE = 0x31;
  static final int SELFBALANCE = 0x47;
  static final int GAS = 0x5a;
  static final int CREATE2 = 0xf5;
  static final int EXTCODESIZE = 0x3b;
  static final int CALL = 0xf1;

  /*
   * [OP-011] The spec's list, plus BLOBHASH and BLOBBASEFEE, which read the environment just as
   * BASEFEE does and were added to the list in later drafts.
   */
  static final Set<Integer> BANNED =
      Set.of(0x32, 0x3a, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x48, 0x49, 0x4a, 0xf0, 0xfe, 0xff);

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0x31, "BALANCE"),
          Map.entry(0x32, "ORIGIN"),
          Map.entry(0x3a, "GASPRICE"),
          Map.entry(0x3b, "EXTCODESIZE"),
          Map.entry(0x3c, "EXTCODECOPY"),
          Map.entry(0x3f, "EXTCODEHASH"),
          Map.entry(0x40, "BLOCKHASH"),
          Map.entry(0x41, "COINBASE"),
          Map.entry(0x42, "TIMESTAMP"),
          Map.entry(0x43, "NUMBER"),
          Map.entry(0x44, "PREVRANDAO"),
          Map.entry(0x45, "GASLIMIT"),
          Map.entry(0x47, "SELFBALANCE"),
          Map.entry(0x48, "BASEFEE"),
          Map.entry(0x49, "BLOBHASH"),
          Map.entry(0x4a, "BLOBBASEFEE"),
          Map.entry(0x5a, "GAS"),
          Map.entry(0xf0, "CREATE"),
          Map.entry(0xf1, "CALL"),
          Map.entry(0xf2, "CALLCODE"),
          Map.entry(0xf4, "DELEGATECALL"),
          Map.entry(0xf5, "CREATE2"),
          Map.entry(0xfa, "STATICCALL"),
          Map.entry(0xfe, "INVALID"),
          Map.entry(0xff, "SELFDESTRUCT"));

  private Opcodes() {}

  /** The mnemonic, or {@code opcode 0xNN} for an unassigned one. */
  static String name(int opcode) {
    String name = NAMES.get(opcode);
    return name != null ? name : String.format("opcode 0x%02x", opcode);
  }

  /** [OP-013] Whether the collector counted {@code opcode} because no instruction has it. */
  static boolean isUnassigned(int opcode) {
    return !NAMES.containsKey(opcode);
  }
}
