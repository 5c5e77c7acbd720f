package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.util.Objects;

/**
 * Names one grant: chain, EntryPoint, account, the module that holds it and the grant's id there.
 * Kernel v3 permissions: module = the Kernel account itself, id = the 4-byte permission id. Smart
 * Sessions: module = the SmartSession contract, id = the 32-byte permission id.
 */
public record GrantKey(long chainId, Address entryPoint, Address account, Address module,
    Bytes grantId) {
  public GrantKey {
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(grantId, "grantId");
  }
}
