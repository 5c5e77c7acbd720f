package io.seed.bundler.bench.core.sessionkey.permission;

import static io.seed.bundler.bench.SampleOperations.numbered;
import static io.seed.bundler.bench.SampleOperations.word;

import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.core.sessionkey.kernel.CallPolicyScope;
import io.seed.bundler.core.sessionkey.permission.ArgumentRule;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.ValueLimit;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The scope check alone, as the pre-validator runs it on calls already decoded: for each call of
 * a batch, the {@link PermissionTree} look-up by (call type, target, selector) and the matching
 * permission's rules. Trees hold {@code permissions} CallPolicy-shaped entries (one token each,
 * {@code transfer(address,uint256)} with no value, the recipient pinned by EQUAL and the amount
 * capped by LESS_THAN_OR_EQUAL), and the batch makes {@code calls} transfers, each on another
 * permission spread over the tree, all within scope: a call out of scope would stop the check
 * early and cost less. The issue-5 goal is read at 100 permissions and one call.
 *
 * <p>Run: {@code ./bundler bench PermissionScopeBenchmark}, or {@code java -jar
 * bench/target/benchmarks.jar PermissionScopeBenchmark -p permissions=100 -p calls=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PermissionScopeBenchmark extends AbstractBenchmark {
  /** {@code transfer(address,uint256)}. */
  private static final int TRANSFER = 0xa9059cbb;
  private static final BigInteger AMOUNT_CAP = BigInteger.valueOf(1_000_000);

  @Param({"1", "10", "100", "1000"})
  public int permissions;

  @Param({"1", "2", "5", "10"})
  public int calls;

  private PermissionTree tree;
  private List<Call> batch;

  @Setup
  public void prepare() {
    Map<CallKey, CallPermission> entries = new HashMap<>();
    for (int token = 0; token < permissions; token++) {
      entries.put(new CallKey(CallType.CALL, numbered(0x70, token), TRANSFER),
          new CallPermission(List.of(
              new ValueLimit(BigInteger.ZERO),
              new ArgumentRule(Condition.EQUAL, 0,
                  List.of(Bytes32.of(word(recipient(token)).toArray()))),
              new ArgumentRule(Condition.LESS_THAN_OR_EQUAL, 32,
                  List.of(Bytes32.fromUint(AMOUNT_CAP))))));
    }
    tree = PermissionTree.withTargetWildcard(entries);
    batch = new ArrayList<>(calls);
    for (int call = 0; call < calls; call++) {
      int token = (int) ((long) call * permissions / calls);
      batch.add(new Call(CallType.CALL, numbered(0x70, token), BigInteger.ZERO,
          transfer(recipient(token), AMOUNT_CAP.subtract(BigInteger.valueOf(call)))));
    }
    String violation = scope();
    if (violation != null) {
      throw new IllegalStateException("the batch should be in scope: " + violation);
    }
  }

  @Benchmark
  public String scope() {
    return CallPolicyScope.check(tree, batch, new Evaluation());
  }

  private static Address recipient(int token) {
    return numbered(0x7e, token);
  }

  private static Bytes transfer(Address to, BigInteger amount) {
    ByteBuffer data = ByteBuffer.allocate(4 + 2 * Bytes32.LENGTH);
    data.putInt(TRANSFER).put(word(to).toArray()).put(Bytes32.fromUint(amount).toArray());
    return Bytes.wrap(data.array());
  }
}
