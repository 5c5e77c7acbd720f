package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.types.Address;
import java.util.Map;
import java.util.Set;

/**
 * The SmartSession module addresses to route on, the OwnableValidator addresses modelled as
 * session validators, and the modelled policies; anything else is opaque.
 */
public record SmartSessionContracts(
    Set<Address> modules, Set<Address> ownableValidators,
    Map<Address, SmartSessionPolicyKind> policies) {
  public SmartSessionContracts {
    modules = Set.copyOf(modules);
    ownableValidators = Set.copyOf(ownableValidators);
    policies = Map.copyOf(policies);
  }

  /** The deployments {@code @rhinestone/module-sdk} 0.4.0 uses. */
  public static SmartSessionContracts rhinestoneDeployments() {
    return new SmartSessionContracts(
        Set.of(Address.fromHex("0x00000000008bDABA73cD9815d79069c247Eb4bDA"),
            Address.fromHex("0x00000000002B0eCfbD0496EE71e01257dA0E37DE")),
        Set.of(Address.fromHex("0x2483DA3A338895199E5e538530213157e931Bf06")),
        Map.of(
            Address.fromHex("0x0000003111cD8e92337C100F22B7A9dbf8DEE301"),
            SmartSessionPolicyKind.SUDO,
            Address.fromHex("0x0000006DDA6c463511C4e9B05CFc34C1247fCF1F"),
            SmartSessionPolicyKind.UNI_ACTION,
            Address.fromHex("0x8177451511dE0577b911C254E9551D981C26dc72"),
            SmartSessionPolicyKind.TIME_FRAME,
            Address.fromHex("0x1F34eF8311345A3A4a4566aF321b313052F51493"),
            SmartSessionPolicyKind.USAGE_LIMIT,
            Address.fromHex("0x730DA93267E7E513e932301B47F2ac7D062abC83"),
            SmartSessionPolicyKind.VALUE_LIMIT,
            Address.fromHex("0x00000088D48cF102A8Cdb0137A9b173f957c6343"),
            SmartSessionPolicyKind.SPENDING_LIMITS));
  }
}
