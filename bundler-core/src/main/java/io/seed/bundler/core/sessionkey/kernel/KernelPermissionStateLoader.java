package io.seed.bundler.core.sessionkey.kernel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.GrantLoader;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionDecoder.Policy;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionDecoder.Role;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionDecoder.StoredPermission;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.Erc7579Execution;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Kernel v3 permission from the chain when the {@link GrantCache} misses it, or when a
 * partial grant read earlier lacks a call an operation makes, in two batches of view calls (each
 * issued at once, so the node client sends it as one request). First the account: {@code
 * accountId()} (it must say it is a Kernel v3, since the nonce pattern alone does not prove it),
 * {@code validationConfig(0x02 ‖ permissionId)}, {@code validNonceFrom()} and {@code
 * permissionConfig(permissionId)}. A permission not installed (no hook, no signer), revoked by
 * {@code invalidateNonce} (its install nonce below {@code validNonceFrom}) or flagged not for user
 * operations makes validation revert, and is cached as disabled. Otherwise {@code
 * permissionConfig} names the signer and the policies, and the second batch asks the modules,
 * with {@code id = bytes32(permissionId)} and the account as wallet: ECDSASigner's {@code
 * signer}, TimestampPolicy's {@code timestampPolicyConfig}, GasPolicy's {@code gasPolicyConfig}
 * (the allowance left now), RateLimitPolicy's {@code rateLimitConfigs} (the uses left and the next
 * start now), and CallPolicy's {@code encodedPermissions} for each call of the operation under its
 * own target and under the zero target.
 *
 * <p>CallPolicy keeps each permission under a hash of (call type, target, selector) and cannot
 * list them, so the grant read holds a partial tree of the keys read, found or absent; a later
 * operation calling elsewhere is left undecided and reads its keys, which extend the cached tree.
 * A complete grant (from enable data or an observed install) is never replaced by a read one. The
 * same grant and keys are read at most once per {@code reloadInterval}; an answer that an
 * observed change may have outdated is dropped, and may be read again.
 */
public final class KernelPermissionStateLoader implements GrantLoader {
  private static final Logger LOG = LoggerFactory.getLogger(KernelPermissionStateLoader.class);
  private static final Bytes ACCOUNT_ID = Bytes.fromHex("0x9cfd7cff");
  private static final Bytes VALIDATION_CONFIG = Bytes.fromHex("0xb8afe17d");
  private static final Bytes VALID_NONCE_FROM = Bytes.fromHex("0x90ef8862");
  private static final Bytes PERMISSION_CONFIG = Bytes.fromHex("0xc3e58978");
  /** ECDSASigner {@code signer(bytes32 id, address wallet)}. */
  private static final Bytes SIGNER = Bytes.fromHex("0x8a3646e3");
  /** TimestampPolicy {@code timestampPolicyConfig(bytes32 id, address wallet)}. */
  private static final Bytes TIMESTAMP_POLICY_CONFIG = Bytes.fromHex("0x79574db1");
  /** GasPolicy {@code gasPolicyConfig(bytes32 id, address wallet)}. */
  private static final Bytes GAS_POLICY_CONFIG = Bytes.fromHex("0xf69414c9");
  /** RateLimitPolicy {@code rateLimitConfigs(bytes32 id, address wallet)}. */
  private static final Bytes RATE_LIMIT_CONFIGS = Bytes.fromHex("0x8712147a");
  /** CallPolicy {@code encodedPermissions(bytes32 id, bytes32 permissionHash, address wallet)}. */
  private static final Bytes ENCODED_PERMISSIONS = Bytes.fromHex("0xffbb39f8");
  private static final String KERNEL_V3_ID = "kernel.advanced.v0.3.";

  private final EthApi eth;
  private final GrantCache grants;
  private final KernelPermissionDecoder decoder;
  private final Cache<Load, Boolean> recentlyLoaded;

  /** One read: a grant, with the call keys it reads (none when the operation has no call). */
  private record Load(GrantKey key, Set<CallKey> callKeys) {}

  /**
   * A loader reading through {@code eth} into {@code grants}, modelling the contracts {@code
   * contracts} names, reading one grant with one set of call keys at most once per {@code
   * reloadInterval} as {@code ticker} measures it, and remembering at most {@code maximumLoads}
   * such reads.
   */
  public KernelPermissionStateLoader(EthApi eth, GrantCache grants,
      KernelPermissionContracts contracts, Ticker ticker, Duration reloadInterval,
      long maximumLoads) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.decoder = new KernelPermissionDecoder(Objects.requireNonNull(contracts, "contracts"));
    this.recentlyLoaded = Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(reloadInterval)
        .maximumSize(maximumLoads)
        .build();
  }

  @Override
  public void load(GrantKey key, PackedUserOperation op) {
    if (!key.module().equals(key.account()) || key.grantId().length() != 4) {
      return;
    }
    Set<CallKey> callKeys = callKeys(op);
    Optional<SessionGrant> cached = grants.find(key);
    if (cached.isPresent()) {
      PermissionTree scope = cached.get().permissions();
      if (scope == null || scope.isComplete()) {
        return;
      }
      callKeys.removeAll(scope.read());
      if (callKeys.isEmpty()) {
        return;
      }
    }
    Load load = new Load(key, Set.copyOf(callKeys));
    if (recentlyLoaded.asMap().putIfAbsent(load, Boolean.TRUE) != null) {
      return;
    }
    long changeCount = grants.changeCount();
    Bytes validationId = Bytes.concat(Bytes.fromHex("0x02"), key.grantId(),
        Bytes.wrap(new byte[27]));
    CompletableFuture<Bytes> accountId = eth.viewCall(key.account(), ACCOUNT_ID);
    CompletableFuture<Bytes> validation =
        eth.viewCall(key.account(), Bytes.concat(VALIDATION_CONFIG, validationId));
    CompletableFuture<Bytes> validNonceFrom = eth.viewCall(key.account(), VALID_NONCE_FROM);
    CompletableFuture<Bytes> permission =
        eth.viewCall(key.account(), Bytes.concat(PERMISSION_CONFIG, id(key)));
    CompletableFuture.allOf(accountId, validation, validNonceFrom, permission)
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            LOG.debug("Cannot load permission state of {}: {}", key, failure.toString());
            return;
          }
          try {
            if (!isKernel(accountId.join())) {
              return;
            }
            StoredPermission stored = KernelPermissionDecoder.storedPermission(permission.join());
            if (disabled(validation.join(), validNonceFrom.join(), stored)) {
              if (!grants.putDisabledUnlessChanged(key, changeCount)) {
                recentlyLoaded.invalidate(load);
              }
              return;
            }
            readModules(load, stored, changeCount);
          } catch (RuntimeException malformed) {
            LOG.debug("Unexpected permission state of {}: {}", key, malformed.toString());
          }
        });
  }

  /**
   * The second batch: the signer's and each modelled policy's getter, and the call policy's
   * entries for the load's keys; then the grant they make is merged into the cache.
   */
  private void readModules(Load load, StoredPermission stored, long changeCount) {
    GrantKey key = load.key();
    Bytes wallet = Bytes.concat(Bytes.wrap(new byte[12]), key.account().toBytes());
    Bytes idAndWallet = Bytes.concat(id(key), wallet);
    CompletableFuture<Bytes> signer = decoder.isEcdsaSigner(stored.signer())
        ? eth.viewCall(stored.signer(), Bytes.concat(SIGNER, idAndWallet))
        : CompletableFuture.completedFuture(null);
    List<CompletableFuture<?>> reads = new ArrayList<>(List.of(signer));
    Map<Integer, CompletableFuture<Bytes>> policyReads = new HashMap<>();
    Map<CallKey, CompletableFuture<Bytes>> permissionReads = new HashMap<>();
    List<Role> roles = decoder.roles(stored.policies());
    for (int i = 0; i < roles.size(); i++) {
      Policy policy = stored.policies().get(i);
      if (roles.get(i) == Role.CALL_SCOPE) {
        for (CallKey callKey : load.callKeys()) {
          permissionReads.put(callKey, eth.viewCall(policy.address(),
              Bytes.concat(ENCODED_PERMISSIONS, id(key),
                  Bytes.wrap(CallPolicyDecoder.permissionHash(callKey).toArray()), wallet)));
        }
      } else if (roles.get(i) == Role.RULE) {
        Bytes getter = getter(decoder.kind(policy));
        if (getter != null) {
          policyReads.put(i, eth.viewCall(policy.address(), Bytes.concat(getter, idAndWallet)));
        }
      }
    }
    reads.addAll(policyReads.values());
    reads.addAll(permissionReads.values());
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            LOG.debug("Cannot read the modules of {}: {}", key, failure.toString());
            return;
          }
          try {
            SessionGrant read = decoder.read(key, stored, signer.join(), joined(policyReads),
                joined(permissionReads));
            if (!grants.putUnlessChanged(read, changeCount)) {
              recentlyLoaded.invalidate(load);
            }
          } catch (RuntimeException malformed) {
            LOG.debug("Unexpected module state of {}: {}", key, malformed.toString());
          }
        });
  }

  /**
   * The CallPolicy keys {@code op}'s calls look up, each under its own target and under the zero
   * target; none when its call data is not a well-formed {@code execute} (CallPolicy reverts
   * whatever it holds). A call with 1 to 3 bytes of data reverts before any look-up.
   */
  static Set<CallKey> callKeys(PackedUserOperation op) {
    Set<CallKey> keys = new HashSet<>();
    List<Call> calls;
    try {
      calls = Erc7579Execution.decode(op.callData()).calls();
    } catch (SessionKeyDecodingException notExecute) {
      return keys;
    }
    for (Call call : calls) {
      CallKey key = CallPolicyScope.key(call);
      if (key != null) {
        keys.add(key);
        keys.add(key.anyTarget());
      }
    }
    return keys;
  }

  private static Bytes getter(KernelPolicyKind kind) {
    return switch (kind) {
      case TIMESTAMP -> TIMESTAMP_POLICY_CONFIG;
      case GAS -> GAS_POLICY_CONFIG;
      case RATE_LIMIT -> RATE_LIMIT_CONFIGS;
      case SUDO, CALL_POLICY -> null;
    };
  }

  private static <K> Map<K, Bytes> joined(Map<K, CompletableFuture<Bytes>> reads) {
    Map<K, Bytes> answers = new HashMap<>();
    reads.forEach((k, read) -> answers.put(k, read.join()));
    return answers;
  }

  /** {@code bytes32(permissionId)}: the id Kernel passes its modules, left-aligned. */
  private static Bytes id(GrantKey key) {
    return Bytes.concat(key.grantId(), Bytes.wrap(new byte[28]));
  }

  private static boolean isKernel(Bytes accountId) {
    return new String(AbiReader.of(accountId).dynamicBytes(0).toArray(), StandardCharsets.UTF_8)
        .startsWith(KERNEL_V3_ID);
  }

  /**
   * True when validation of the permission reverts: {@code validationConfig} is {@code (uint32
   * nonce, address hook)}; the permission needs a hook, a signer, no flag keeping it from user
   * operations and an install nonce not below {@code validNonceFrom}.
   */
  private static boolean disabled(Bytes validation, Bytes validNonceFrom,
      StoredPermission permission) {
    AbiReader config = AbiReader.of(validation);
    long nonce = config.uintAsLong(0);
    boolean installed = !config.address(32).isZero();
    boolean forUserOperations =
        (permission.flag() & KernelPermissionDecoder.SKIP_USER_OPERATION) == 0;
    return !installed || permission.signer().isZero() || !forUserOperations
        || nonce < AbiReader.of(validNonceFrom).uintAsLong(0);
  }
}
