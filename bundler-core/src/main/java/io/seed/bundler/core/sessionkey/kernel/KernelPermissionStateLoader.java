package io.seed.bundler.core.sessionkey.kernel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.GrantLoader;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a cache miss, whether a Kernel v3 permission is enabled, with four view calls to the
 * account issued together so the node client sends them as one batch: {@code accountId()} (the
 * account must say it is a Kernel v3, since the nonce pattern alone does not prove it), {@code
 * validationConfig(0x02 ‖ permissionId)}, {@code validNonceFrom()} and {@code
 * permissionConfig(permissionId)}. A permission not installed (no hook, no signer), revoked by
 * {@code invalidateNonce} (its install nonce below {@code validNonceFrom}) or flagged not for user
 * operations makes validation revert, and is cached as disabled.
 *
 * <p>An enabled permission is not rebuilt into a grant: CallPolicy keeps each permission under a
 * hash of (call type, target, selector) and offers no way to list them, so its scope cannot be
 * read back whole, and judging against a partial scope would reject calls the chain allows. Such
 * grants enter the cache from enable data and observed installs only. A key is loaded at most
 * once per {@code reloadInterval}; a result that an observed change may have outdated is dropped.
 */
public final class KernelPermissionStateLoader implements GrantLoader {
  private static final Logger LOG = LoggerFactory.getLogger(KernelPermissionStateLoader.class);
  private static final Bytes ACCOUNT_ID = Bytes.fromHex("0x9cfd7cff");
  private static final Bytes VALIDATION_CONFIG = Bytes.fromHex("0xb8afe17d");
  private static final Bytes VALID_NONCE_FROM = Bytes.fromHex("0x90ef8862");
  private static final Bytes PERMISSION_CONFIG = Bytes.fromHex("0xc3e58978");
  private static final String KERNEL_V3_ID = "kernel.advanced.v0.3.";
  private static final int SKIP_USER_OPERATION = 0x0001;

  private final EthApi eth;
  private final GrantCache grants;
  private final Cache<GrantKey, Boolean> recentlyLoaded;

  /**
   * A loader reading through {@code eth} into {@code grants}, loading one key at most once per
   * {@code reloadInterval} as {@code ticker} measures it.
   */
  public KernelPermissionStateLoader(EthApi eth, GrantCache grants, Ticker ticker,
      Duration reloadInterval, long maximumKeys) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.recentlyLoaded = Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(reloadInterval)
        .maximumSize(maximumKeys)
        .build();
  }

  @Override
  public void load(GrantKey key, PackedUserOperation op) {
    if (!key.module().equals(key.account()) || key.grantId().length() != 4
        || recentlyLoaded.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
      return;
    }
    long changeCount = grants.changeCount();
    Bytes validationId = Bytes.concat(Bytes.fromHex("0x02"), key.grantId(),
        Bytes.wrap(new byte[27]));
    Bytes permissionId = Bytes.concat(key.grantId(), Bytes.wrap(new byte[28]));
    CompletableFuture<Bytes> accountId = call(key, ACCOUNT_ID);
    CompletableFuture<Bytes> validation =
        call(key, Bytes.concat(VALIDATION_CONFIG, validationId));
    CompletableFuture<Bytes> validNonceFrom = call(key, VALID_NONCE_FROM);
    CompletableFuture<Bytes> permission = call(key, Bytes.concat(PERMISSION_CONFIG, permissionId));
    CompletableFuture.allOf(accountId, validation, validNonceFrom, permission)
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            LOG.debug("Cannot load permission state of {}: {}", key, failure.toString());
            return;
          }
          try {
            if (isKernel(accountId.join())
                && disabled(validation.join(), validNonceFrom.join(), permission.join())
                && !grants.putDisabledUnlessChanged(key, changeCount)) {
              recentlyLoaded.invalidate(key);
            }
          } catch (RuntimeException malformed) {
            LOG.debug("Unexpected permission state of {}: {}", key, malformed.toString());
          }
        });
  }

  private CompletableFuture<Bytes> call(GrantKey key, Bytes data) {
    return eth.ethCall(CallRequest.to(key.account(), data), BlockTag.LATEST,
        StateOverrideSet.EMPTY);
  }

  private static boolean isKernel(Bytes accountId) {
    return new String(AbiReader.of(accountId).dynamicBytes(0).toArray(), StandardCharsets.UTF_8)
        .startsWith(KERNEL_V3_ID);
  }

  /**
   * True when validation of the permission reverts: {@code validationConfig} is {@code (uint32
   * nonce, address hook)}, {@code permissionConfig} is {@code (bytes2 flag, address signer,
   * bytes22[] policyData)}.
   */
  private static boolean disabled(Bytes validation, Bytes validNonceFrom, Bytes permission) {
    AbiReader config = AbiReader.of(validation);
    long nonce = config.uintAsLong(0);
    boolean installed = !config.address(32).isZero();
    AbiReader permissionConfig = AbiReader.of(permission).tupleAt(0);
    byte[] flag = permissionConfig.word(0).toArray();
    boolean signed = !permissionConfig.address(32).isZero();
    boolean forUserOperations = (((flag[0] & 0xff) << 8 | (flag[1] & 0xff))
        & SKIP_USER_OPERATION) == 0;
    return !installed || !signed || !forUserOperations
        || nonce < AbiReader.of(validNonceFrom).uintAsLong(0);
  }
}
