package io.seed.bundler.bench.core.sessionkey;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.core.sessionkey.kernel.CallPolicyScope;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SessionOperation;
import io.seed.bundler.core.sessionkey.SignatureCheck;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.Verdict;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionContracts;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionDecoder;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionFormat;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.Erc7579Execution;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionContracts;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionFormat;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.RejectionReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The headline figure: what the bundler spends, with no I/O, on one ZeroDev Kernel v3 session-key
 * operation built by the SDK ({@code @zerodev/permissions}, the golden vectors): its userOpHash,
 * then {@link SessionKeyPrevalidator#check} (nonce and signature decoding, the grant from the
 * {@link GrantCache}, the call policy's scope and the gas, rate-limit and time policies, the
 * session key's ECDSA signature against its cached public key, the validity window).
 *
 * <ul>
 *   <li>{@code inScope}: an ERC-20 transfer within the permission, judged PASS: the full path.
 *   <li>{@code outOfScope}: a delegatecall to a selector the permission does not hold, rejected
 *       at the scope check, before the signature is looked at: what a flood of such operations
 *       costs.
 *   <li>{@code stageDecode}, {@code stageHash}, {@code stageSignature}, {@code stageScope}: the
 *       in-scope operation's stages one by one (grant key, signature layout and {@code execute}
 *       call data; the v0.7 userOpHash; the signer's rule, which tries the EIP-191 form the SDK
 *       signs first; look-up and rules of every call plus the whole-operation policies), so the
 *       report can say where the time goes. Their sum misses only the glue: cache look-up,
 *       verdict.
 * </ul>
 *
 * <p>The session key's public key is learnt, and its table built, by a first check in the set-up,
 * as the first operation of a key does in production; every figure is for a key seen before.
 *
 * <p>Run: {@code ./bundler bench SessionKeyHotPathBenchmark}, or {@code java -jar
 * bench/target/benchmarks.jar SessionKeyHotPathBenchmark}; against libsecp256k1 in the same run:
 * {@code bench/report.sh}. Where the time goes: add {@code -prof stack} or {@code -prof jfr}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionKeyHotPathBenchmark extends AbstractBenchmark {
  private static final String IN_SCOPE = "transfer within limit";
  private static final String OUT_OF_SCOPE = "delegatecall to another selector";
  private static final long EXPIRY_MARGIN_SECONDS = 30;

  private final UserOperationHasher hasher = new UserOperationHasher();
  private final KernelPermissionFormat format =
      new KernelPermissionFormat(KernelPermissionContracts.zeroDevDeployments());
  private EntryPoint entryPoint;
  private long chainId;
  private long now;
  private SessionKeyPrevalidator prevalidator;
  private SignerVerification signers;
  private SessionGrant grant;
  private PackedUserOperation inScope;
  private PackedUserOperation outOfScope;
  private SessionOperation decoded;
  private List<Call> calls;
  private byte[] userOpHash;

  @Setup
  public void prepare() {
    SdkKernelOperations sdk = SdkKernelOperations.load();
    entryPoint = sdk.entryPoint();
    chainId = sdk.chainId();
    now = sdk.now();
    GrantKey key = sdk.grantKey();
    grant = new KernelPermissionDecoder(KernelPermissionContracts.zeroDevDeployments())
        .decode(key, sdk.validatorData());
    GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofHours(1), 1_000);
    grants.put(grant);
    signers = new SignerVerification(new SessionKeyRegistry(1_000));
    prevalidator = new SessionKeyPrevalidator(
        List.of(format, new SmartSessionFormat(SmartSessionContracts.rhinestoneDeployments())),
        grants, signers, PendingOperations.NONE, EXPIRY_MARGIN_SECONDS);
    inScope = sdk.operation(IN_SCOPE);
    outOfScope = sdk.operation(OUT_OF_SCOPE);
    requireSdkHash(inScope, sdk.userOpHash(IN_SCOPE));
    requireSdkHash(outOfScope, sdk.userOpHash(OUT_OF_SCOPE));

    Verdict first = inScope();
    if (first.kind() != Verdict.Kind.PASS) {
      throw new IllegalStateException("the in-scope operation was judged " + first);
    }
    Verdict rejected = outOfScope();
    if (rejected.reason() != RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT) {
      throw new IllegalStateException("the out-of-scope operation was judged " + rejected);
    }
    decoded = format.decode(inScope, key);
    calls = Erc7579Execution.decode(inScope.callData()).calls();
    userOpHash = stageHash().toArray();
    if (stageSignature() != SignatureCheck.VALID || stageScope() != null) {
      throw new IllegalStateException("a stage of the in-scope operation does not pass");
    }
  }

  @Benchmark
  public Verdict inScope() {
    return prevalidator.check(inScope, entryPoint, chainId,
        hasher.hash(inScope, entryPoint, chainId), now);
  }

  @Benchmark
  public Verdict outOfScope() {
    return prevalidator.check(outOfScope, entryPoint, chainId,
        hasher.hash(outOfScope, entryPoint, chainId), now);
  }

  @Benchmark
  public Erc7579Execution stageDecode(Blackhole blackhole) {
    GrantKey key = format.grantKey(inScope, entryPoint, chainId).orElseThrow();
    blackhole.consume(format.decode(inScope, key));
    return Erc7579Execution.decode(inScope.callData());
  }

  @Benchmark
  public Bytes32 stageHash() {
    return hasher.hash(inScope, entryPoint, chainId);
  }

  @Benchmark
  public SignatureCheck stageSignature() {
    return decoded.checkSignature(grant, userOpHash, signers);
  }

  @Benchmark
  public String stageScope() {
    Evaluation evaluation = new Evaluation();
    String violation = CallPolicyScope.check(grant.permissions(), calls, evaluation);
    return violation != null ? violation : grant.checkOperationRules(inScope, calls, evaluation);
  }

  private void requireSdkHash(PackedUserOperation op, Bytes32 sdkHash) {
    Bytes32 ours = hasher.hash(op, entryPoint, chainId);
    if (!ours.equals(sdkHash)) {
      throw new IllegalStateException("userOpHash " + ours + " differs from the SDK's " + sdkHash);
    }
  }
}
