package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Revert data of an EntryPoint v0.7 / v0.8 call, decoded: the EntryPoint's own errors, Solidity's
 * {@code Error(string)} and {@code Panic(uint256)}, and anything else kept as raw bytes.
 */
public sealed interface EntryPointRevert {

  /** A message for people (and for RPC error messages): the reason with what explains it. */
  String describe();

  /** {@code FailedOp(uint256 opIndex, string reason)}: validation or execution of an op failed. */
  record FailedOp(BigInteger opIndex, String reason) implements EntryPointRevert {
    /** The error's signature. */
    public static final String SIGNATURE = "FailedOp(uint256,string)";

    public FailedOp {
      Objects.requireNonNull(opIndex, "opIndex");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String describe() {
      return reason;
    }
  }

  /**
   * {@code FailedOpWithRevert(uint256 opIndex, string reason, bytes inner)}: an entity reverted;
   * {@code inner} is its revert data.
   */
  record FailedOpWithRevert(BigInteger opIndex, String reason, Bytes inner)
      implements EntryPointRevert {
    /** The error's signature. */
    public static final String SIGNATURE = "FailedOpWithRevert(uint256,string,bytes)";

    public FailedOpWithRevert {
      Objects.requireNonNull(opIndex, "opIndex");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(inner, "inner");
    }

    /** The entity's own revert, decoded. */
    public EntryPointRevert innerRevert() {
      return EntryPointRevert.decode(inner);
    }

    @Override
    public String describe() {
      return inner.isEmpty() ? reason : reason + ": " + innerRevert().describe();
    }
  }

  /** Solidity's {@code Error(string)}, from {@code require} and {@code revert("...")}. */
  record ErrorMessage(String message) implements EntryPointRevert {
    /** The error's signature. */
    public static final String SIGNATURE = "Error(string)";

    public ErrorMessage {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String describe() {
      return message;
    }
  }

  /** Solidity's {@code Panic(uint256)}: an assertion, overflow, division by zero and the like. */
  record Panic(BigInteger code) implements EntryPointRevert {
    /** The error's signature. */
    public static final String SIGNATURE = "Panic(uint256)";

    public Panic {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public String describe() {
      return "panic 0x" + code.toString(16);
    }
  }

  /** {@code SenderAddressResult(address sender)}: the answer of {@code getSenderAddress}. */
  record SenderAddressResult(Address sender) implements EntryPointRevert {
    /** The error's signature. */
    public static final String SIGNATURE = "SenderAddressResult(address)";

    public SenderAddressResult {
      Objects.requireNonNull(sender, "sender");
    }

    @Override
    public String describe() {
      return "sender address " + sender;
    }
  }

  /** Revert data of no known shape (a custom error, or nothing at all). */
  record Unrecognized(Bytes data) implements EntryPointRevert {
    public Unrecognized {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public String describe() {
      return data.isEmpty() ? "reverted without data" : "reverted with data " + data.toHex();
    }
  }

  /** Decodes revert data; what is malformed or unknown becomes {@link Unrecognized}. */
  static EntryPointRevert decode(Bytes data) {
    return RevertDecoder.decode(data);
  }
}
