package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.types.Address;
import java.util.HashMap;
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

  /**
   * The deployments {@code @rhinestone/module-sdk} 0.4.0 uses, and the ones the smartsessions
   * repository lists for its current release.
   */
  public static SmartSessionContracts rhinestoneDeployments() {
    Map<Address, SmartSessionPolicyKind> policies = new HashMap<>();
    deployed(policies, SmartSessionPolicyKind.SUDO,
        "0x0000000000FEEc8D74e3143fBaBbca515358d869", "0x0000003111cD8e92337C100F22B7A9dbf8DEE301");
    deployed(policies, SmartSessionPolicyKind.UNI_ACTION,
        "0x0000000000714Cf48FcF88A0bFBa70d313415032", "0x0000006DDA6c463511C4e9B05CFc34C1247fCF1F");
    deployed(policies, SmartSessionPolicyKind.TIME_FRAME,
        "0x0000000000D30f611fA3bf652ac6879428586930", "0x8177451511dE0577b911C254E9551D981C26dc72");
    deployed(policies, SmartSessionPolicyKind.USAGE_LIMIT,
        "0x00000000001d4479FA2A947026204d0283ceDe4B", "0x1F34eF8311345A3A4a4566aF321b313052F51493");
    deployed(policies, SmartSessionPolicyKind.VALUE_LIMIT,
        "0x000000000021dC45451291BCDfc9f0B46d6f0278", "0x730DA93267E7E513e932301B47F2ac7D062abC83");
    deployed(policies, SmartSessionPolicyKind.SPENDING_LIMITS,
        "0x000000000033212e272655d8a22402db819477a6", "0x00000088D48cF102A8Cdb0137A9b173f957c6343");
    return new SmartSessionContracts(
        Set.of(address("0x00000000008bDABA73cD9815d79069c247Eb4bDA"),
            address("0x00000000002B0eCfbD0496EE71e01257dA0E37DE")),
        Set.of(address("0x000000000013fdB5234E4E3162a810F54d9f7E98"),
            address("0x2483DA3A338895199E5e538530213157e931Bf06")),
        policies);
  }

  private static void deployed(Map<Address, SmartSessionPolicyKind> policies,
      SmartSessionPolicyKind kind, String... addresses) {
    for (String hex : addresses) {
      policies.put(address(hex), kind);
    }
  }

  private static Address address(String hex) {
    return Address.fromHex(hex);
  }
}
