package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.types.Address;
import java.util.Map;
import java.util.Set;

/**
 * Which contract addresses are the modelled ZeroDev signer and policies; any other policy address
 * is opaque (judged by simulation).
 */
public record KernelPermissionContracts(
    Set<Address> ecdsaSigners, Map<Address, KernelPolicyKind> policies) {
  public KernelPermissionContracts {
    ecdsaSigners = Set.copyOf(ecdsaSigners);
    policies = Map.copyOf(policies);
  }

  /**
   * The deployments the ZeroDev SDK uses (constants of {@code @zerodev/permissions}). CallPolicy
   * v0.0.1 is left out: its rules have a single {@code bytes32} param, an older encoding.
   */
  public static KernelPermissionContracts zeroDevDeployments() {
    return new KernelPermissionContracts(
        Set.of(Address.fromHex("0x6A6F069E2a08c2468e7724Ab3250CdBFBA14D4FF")),
        Map.of(
            Address.fromHex("0x67Fa43ca2D689beA4d10b9F2C96828828A2Ab275"),
            KernelPolicyKind.CALL_POLICY,
            Address.fromHex("0xB3CB5f502250360335614df1421f2AAbE98CE503"),
            KernelPolicyKind.CALL_POLICY,
            Address.fromHex("0x9a52283276A0ec8740DF50bF01B28A80D880eaf2"),
            KernelPolicyKind.CALL_POLICY,
            Address.fromHex("0x85770b902D1e503D5f5141d9eaC16d0d08eEaDd2"),
            KernelPolicyKind.CALL_POLICY,
            Address.fromHex("0xaeFC5AbC67FfD258abD0A3E54f65E70326F84b23"), KernelPolicyKind.GAS,
            Address.fromHex("0xf63d4139B25c836334edD76641356c6b74C86873"),
            KernelPolicyKind.RATE_LIMIT,
            Address.fromHex("0x67b436caD8a6D025DF6C82C5BB43fbF11fC5B9B7"), KernelPolicyKind.SUDO,
            Address.fromHex("0xB9f8f524bE6EcD8C945b1b87f9ae5C192FdCE20F"),
            KernelPolicyKind.TIMESTAMP));
  }
}
