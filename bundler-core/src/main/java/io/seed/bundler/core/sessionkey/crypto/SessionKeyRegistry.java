package io.seed.bundler.core.sessionkey.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.seed.bundler.core.types.Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public keys of the session keys seen so far, by address. A grant names its session key by
 * address only; the first valid signature reveals the public key (one generic recovery), and
 * every later signature of that key is checked against the cached key and its tables.
 */
public final class SessionKeyRegistry {
  private final Cache<Address, SessionKeyPublicKey> keys;

  /**
   * A registry keeping at most {@code maximumKeys} keys, least recently used evicted first. Each
   * key holds about {@value SessionKeyPublicKey#TABLE_BYTES} bytes of tables; size it for the
   * session keys active at once.
   */
  public SessionKeyRegistry(long maximumKeys) {
    if (maximumKeys <= 0) {
      throw new IllegalArgumentException("maximumKeys must be positive");
    }
    this.keys = Caffeine.newBuilder().maximumSize(maximumKeys).build();
    // Builds the generator's table (about half a second on a cold JVM) now rather than during
    // the first operation checked.
    Objects.requireNonNull(Secp256k1.G_TABLE);
  }

  /** Remembers a key whose public part is known from elsewhere. */
  public void register(SessionKeyPublicKey key) {
    keys.put(key.address(), key);
  }

  /** The cached public key of {@code address}, if one was seen. */
  public Optional<SessionKeyPublicKey> find(Address address) {
    return Optional.ofNullable(keys.getIfPresent(address));
  }

  /** True when ecrecover of {@code hash} and {@code signature} returns {@code signer}. */
  public boolean signedBy(Address signer, EcdsaSignature signature, byte[] hash) {
    SessionKeyPublicKey known = keys.getIfPresent(signer);
    if (known != null) {
      return known.verifies(signature, hash);
    }
    return learn(signer, signature, hash);
  }

  /**
   * True when ecrecover returns {@code signer} for either hash: the rule of signers that accept a
   * raw hash or its EIP-191 form.
   */
  public boolean signedByEither(
      Address signer, EcdsaSignature signature, byte[] firstHash, byte[] secondHash) {
    SessionKeyPublicKey known = keys.getIfPresent(signer);
    if (known != null) {
      return known.verifiesEither(signature, firstHash, secondHash);
    }
    return learn(signer, signature, firstHash) || learn(signer, signature, secondHash);
  }

  /**
   * Which of {@code candidates} ecrecover of {@code hash} and {@code signature} returns, if any:
   * cached keys are tried first, then one generic recovery decides (and caches a matching key).
   */
  public Optional<Address> signerAmong(
      List<Address> candidates, EcdsaSignature signature, byte[] hash) {
    for (Address candidate : candidates) {
      SessionKeyPublicKey known = keys.getIfPresent(candidate);
      if (known != null && known.verifies(signature, hash)) {
        return Optional.of(candidate);
      }
    }
    Optional<SessionKeyPublicKey> recovered = SessionKeyPublicKey.recover(hash, signature);
    if (recovered.isPresent() && candidates.contains(recovered.get().address())) {
      keys.put(recovered.get().address(), recovered.get());
      return Optional.of(recovered.get().address());
    }
    return Optional.empty();
  }

  private boolean learn(Address signer, EcdsaSignature signature, byte[] hash) {
    Optional<SessionKeyPublicKey> recovered = SessionKeyPublicKey.recover(hash, signature);
    if (recovered.isPresent() && recovered.get().address().equals(signer)) {
      keys.put(signer, recovered.get());
      return true;
    }
    return false;
  }
}
