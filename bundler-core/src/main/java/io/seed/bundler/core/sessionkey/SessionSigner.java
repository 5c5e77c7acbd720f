package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.util.List;
import java.util.Objects;

/** Who must sign a grant's operations, and how the contract checks it. */
public sealed interface SessionSigner {

  /**
   * ZeroDev ECDSASigner: a 65-byte {@code r ‖ s ‖ v} (v 27/28) or 64-byte EIP-2098 signature
   * whose ecrecover, of the userOpHash or of its EIP-191 form, is {@code sessionKey}.
   */
  record EcdsaSessionKey(Address sessionKey) implements SessionSigner {
    public EcdsaSessionKey {
      Objects.requireNonNull(sessionKey, "sessionKey");
    }
  }

  /**
   * Rhinestone OwnableValidator as session validator: {@code threshold} 65-byte signatures of
   * distinct {@code owners} (sorted, as the contract requires).
   */
  record OwnableSessionKeys(int threshold, List<Address> owners) implements SessionSigner {
    public OwnableSessionKeys {
      owners = List.copyOf(owners);
      if (threshold <= 0) {
        throw new IllegalArgumentException("threshold must be positive");
      }
    }
  }

  /** A signer contract this bundler does not model: its signature is left to simulation. */
  record OpaqueSigner(Address contract, Bytes initData) implements SessionSigner {
    public OpaqueSigner {
      Objects.requireNonNull(contract, "contract");
      Objects.requireNonNull(initData, "initData");
    }
  }
}
