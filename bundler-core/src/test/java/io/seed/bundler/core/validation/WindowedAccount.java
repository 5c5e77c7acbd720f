package io.seed.bundler.core.validation;

import io.seed.bundler.core.abi.ValidationData;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;

/**
 * A deployed account (set with {@code anvil_setCode}) whose {@code validateUserOp} pays the
 * missing prefund and returns a fixed validation data word, for windows, aggregators and the like
 * that SimpleAccount never returns. Any other call succeeds and does nothing useful.
 */
final class WindowedAccount {
  // missing = calldataload(0x44); if missing != 0: call(gas, caller, missing, 0, 0, 0, 0)
  private static final String PAY_PREFUND = "6044358015601557600060006000600084335af1505b50";
  // mstore(0, <word>); return(0, 32)
  private static final String RETURN_WORD_PREFIX = "7f";
  private static final String RETURN_WORD_SUFFIX = "60005260206000f3";

  private WindowedAccount() {}

  /** Deploys such an account at a fresh address, funded with 1 ETH, and returns its address. */
  static Address deploy(AnvilFixture anvil, ValidationData validationData, long seed) {
    Address address = Address.fromHex(String.format("0x%040x", 0xacc0_0000_0000L + seed));
    BigInteger word =
        BigInteger.valueOf(validationData.validAfter())
            .shiftLeft(208)
            .or(BigInteger.valueOf(validationData.validUntil()).shiftLeft(160))
            .or(new BigInteger(1, validationData.aggregator().toArray()));
    Bytes code =
        Bytes.fromHex(
            "0x" + PAY_PREFUND + RETURN_WORD_PREFIX + Bytes32.fromUint(word).toHex().substring(2)
                + RETURN_WORD_SUFFIX);
    anvil.client().request("anvil_setCode", address, code).join();
    anvil.chain().fund(address, BigInteger.TEN.pow(18));
    return address;
  }
}
