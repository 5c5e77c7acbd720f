package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import java.util.Objects;

/** One EntryPoint contract this bundler serves: where it is and which release it runs. */
public record EntryPoint(Address address, EntryPointVersion version) {
  public EntryPoint {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(version, "version");
  }

  /** The release deployed at its canonical address. */
  public static EntryPoint canonical(EntryPointVersion version) {
    return new EntryPoint(version.canonicalAddress(), version);
  }
}
