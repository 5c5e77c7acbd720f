package io.seed.bundler.rpc.wire;

/**
 * Caps on the dynamic fields of an incoming UserOperation, checked before the hex is decoded.
 * The v0.6 {@code initCode} and {@code paymasterAndData} get the cap of their data part plus the
 * 20-byte address in front.
 *
 * @param maxCallDataBytes cap on {@code callData}
 * @param maxFactoryDataBytes cap on {@code factoryData}
 * @param maxPaymasterDataBytes cap on {@code paymasterData}
 * @param maxSignatureBytes cap on {@code signature}
 */
public record UserOperationJsonLimits(
    int maxCallDataBytes,
    int maxFactoryDataBytes,
    int maxPaymasterDataBytes,
    int maxSignatureBytes) {

  /**
   * Room for a contract deployment through the account (EIP-3860 caps init code at 48 KiB), and
   * for session-key signatures that carry enable data.
   */
  public static final UserOperationJsonLimits DEFAULTS =
      new UserOperationJsonLimits(64 * 1024, 64 * 1024, 16 * 1024, 16 * 1024);

  public UserOperationJsonLimits {
    requirePositive(maxCallDataBytes, "maxCallDataBytes");
    requirePositive(maxFactoryDataBytes, "maxFactoryDataBytes");
    requirePositive(maxPaymasterDataBytes, "maxPaymasterDataBytes");
    requirePositive(maxSignatureBytes, "maxSignatureBytes");
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
