package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;

/** The EntryPoint releases this bundler knows, with their canonical deployment addresses. */
public enum EntryPointVersion {
  V0_6("0.6", Address.fromHex("0x5FF137D4b0FDCD49DcA30c7CF57E578a026d2789")),
  V0_7("0.7", Address.fromHex("0x0000000071727De22E5E9d8BAf0edAc6f37da032")),
  V0_8("0.8", Address.fromHex("0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108"));

  private final String label;
  private final Address canonicalAddress;

  EntryPointVersion(String label, Address canonicalAddress) {
    this.label = label;
    this.canonicalAddress = canonicalAddress;
  }

  /** The release as people write it, e.g. {@code 0.7}. */
  public String label() {
    return label;
  }

  /** Where the release lives on every chain that deployed it through the CREATE2 deployer. */
  public Address canonicalAddress() {
    return canonicalAddress;
  }

  /** True for the releases that take {@link PackedUserOperation}. */
  public boolean usesPackedUserOperation() {
    return this != V0_6;
  }
}
