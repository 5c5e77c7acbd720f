package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.sessionkey.SessionSigner.EcdsaSessionKey;
import io.seed.bundler.core.sessionkey.SessionSigner.OpaqueSigner;
import io.seed.bundler.core.sessionkey.SessionSigner.OwnableSessionKeys;
import io.seed.bundler.core.sessionkey.crypto.EcdsaSignature;
import io.seed.bundler.core.sessionkey.crypto.Eip191;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyPublicKey;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Checks a session signature the way each modelled signer contract does. */
public final class SignerVerification {
  private final SessionKeyRegistry keys;

  /** Verification backed by the public keys in {@code keys}. */
  public SignerVerification(SessionKeyRegistry keys) {
    this.keys = keys;
  }

  /** Checks {@code signature} over {@code userOpHash} for {@code signer}. */
  public SignatureCheck check(SessionSigner signer, Bytes signature, byte[] userOpHash) {
    return switch (signer) {
      case EcdsaSessionKey ecdsa -> ecdsaSigner(ecdsa.sessionKey(), signature, userOpHash);
      case OwnableSessionKeys ownable -> ownable(ownable, signature, userOpHash);
      case OpaqueSigner opaque -> SignatureCheck.UNDECIDED;
    };
  }

  /**
   * ZeroDev ECDSASigner: Solady's {@code recover} of the raw hash, then of its EIP-191 form. That
   * {@code recover} reverts on a length other than 64 or 65 and whenever ecrecover fails (v not
   * 27/28, r or s out of range, r not on the curve), so those are malformations, not mismatches.
   */
  private SignatureCheck ecdsaSigner(Address sessionKey, Bytes signature, byte[] hash) {
    byte[] raw = signature.toArray();
    Optional<EcdsaSignature> parsed = switch (raw.length) {
      case EcdsaSignature.RSV_LENGTH -> EcdsaSignature.fromRsv(raw, 0);
      case EcdsaSignature.COMPACT_LENGTH -> EcdsaSignature.fromCompact(raw, 0);
      default -> throw SessionKeyDecodingException.reverts(
          "session key signature must be 64 or 65 bytes, got " + raw.length);
    };
    EcdsaSignature ecdsa = parsed.orElseThrow(() -> SessionKeyDecodingException.reverts(
        "session key signature is not recoverable (v, r or s out of range)"));
    if (keys.signedByEither(sessionKey, ecdsa, Eip191.ethSignedMessageHash(hash), hash)) {
      return SignatureCheck.VALID;
    }
    if (SessionKeyPublicKey.recover(hash, ecdsa).isEmpty()) {
      throw SessionKeyDecodingException.reverts("session key signature is not recoverable");
    }
    return SignatureCheck.INVALID;
  }

  /**
   * Rhinestone OwnableValidator: {@code threshold} chunks of {@code r ‖ s ‖ v}; v 0 is a contract
   * signature (not judged here), v above 30 signs the EIP-191 form with v - 4, otherwise the hash
   * as given. Deployed versions differ in whether the hash is first wrapped in EIP-191, so a
   * signature is invalid only when it fails both ways.
   */
  private SignatureCheck ownable(OwnableSessionKeys signer, Bytes signature, byte[] hash) {
    byte[] raw = signature.toArray();
    if ((long) signer.threshold() * 65 > raw.length) {
      // CheckNSignatures reverts before recovering anything.
      throw SessionKeyDecodingException.reverts("session signature holds fewer than "
          + signer.threshold() + " signatures of 65 bytes");
    }
    for (int chunk = 0; chunk < signer.threshold(); chunk++) {
      if (raw[chunk * 65 + 64] == 0) {
        return SignatureCheck.UNDECIDED;
      }
    }
    boolean valid = ownableCount(signer, raw, hash) >= signer.threshold()
        || ownableCount(signer, raw, Eip191.ethSignedMessageHash(hash)) >= signer.threshold();
    return valid ? SignatureCheck.VALID : SignatureCheck.INVALID;
  }

  private int ownableCount(OwnableSessionKeys signer, byte[] raw, byte[] hash) {
    Set<Address> signers = new HashSet<>();
    for (int chunk = 0; chunk < signer.threshold(); chunk++) {
      byte[] part = Arrays.copyOfRange(raw, chunk * 65, chunk * 65 + 65);
      int v = part[64] & 0xff;
      if (v > 30) {
        part[64] = (byte) (v - 4);
      }
      byte[] signedHash = v > 30 ? Eip191.ethSignedMessageHash(hash) : hash;
      EcdsaSignature.fromRsv(part, 0)
          .flatMap(ecdsa -> keys.signerAmong(signer.owners(), ecdsa, signedHash))
          .ifPresent(signers::add);
    }
    return signers.size();
  }
}
