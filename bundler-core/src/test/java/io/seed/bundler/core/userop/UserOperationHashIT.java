package io.seed.bundler.core.userop;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.node.AccountOverride;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Our hash against the EntryPoint's own {@code getUserOpHash} on a real chain, for random
 * operations of every release. The calls go out concurrently so the client batches them.
 */
class UserOperationHashIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final int OPERATIONS = 200;
  private static final String GET_USER_OP_HASH_V06 =
      "getUserOpHash((address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,bytes))";
  private static final String GET_USER_OP_HASH_PACKED =
      "getUserOpHash((address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes))";
  private static final String EIP7702_CODE_PREFIX = "0xef0100";

  private final UserOperationHasher hasher = new UserOperationHasher();
  private final EthApi eth = ANVIL.eth();

  @Test
  void shouldMatchEntryPointV06ForRandomOperations() {
    EntryPoint entryPoint = ANVIL.chain().deployEntryPointV06();
    RandomUserOperations random = new RandomUserOperations(406);
    assertEveryOperationMatches(i -> {
      UserOperation op = random.v06();
      return new Expectation(op.toString(), hasher.hash(op, entryPoint, ANVIL.chainId()),
          onChainHash(entryPoint, v06Calldata(op), null));
    });
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldMatchTheEntryPointForRandomPackedOperations(EntryPointVersion version) {
    EntryPoint entryPoint = ANVIL.entryPoint(version);
    RandomUserOperations random = new RandomUserOperations(400 + version.ordinal());
    assertEveryOperationMatches(i -> {
      PackedUserOperation op = random.packed();
      return new Expectation(op.toString(), hasher.hash(op, entryPoint, ANVIL.chainId()),
          onChainHash(entryPoint, packedCalldata(op), null));
    });
  }

  @Test
  void shouldMatchEntryPointV08ForEip7702Operations() {
    EntryPoint entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_8);
    RandomUserOperations random = new RandomUserOperations(7702);
    assertEveryOperationMatches(i -> {
      Address delegate = random.address();
      boolean withAuthorization = i % 2 == 0;
      PackedUserOperation op = random.eip7702(delegate, withAuthorization);
      Bytes32 ours = withAuthorization
          ? hasher.hash(op, entryPoint, ANVIL.chainId())
          : hasher.hash(op, entryPoint, ANVIL.chainId(), delegate);
      // The EntryPoint reads the delegate from the sender's code, so the call gives it that code.
      StateOverrideSet delegatedSender = StateOverrideSet.of(op.sender(),
          AccountOverride.code(Bytes.concat(Bytes.fromHex(EIP7702_CODE_PREFIX), delegate.toBytes())));
      return new Expectation(op.toString(), ours,
          onChainHash(entryPoint, packedCalldata(op), delegatedSender));
    });
  }

  /** Sends all calls first, so the client batches them, then compares. */
  private static void assertEveryOperationMatches(IntFunction<Expectation> operation) {
    List<Expectation> expectations = IntStream.range(0, OPERATIONS).mapToObj(operation).toList();
    for (Expectation expectation : expectations) {
      assertThat(expectation.ours().toHex())
          .as("hash of %s", expectation.operation())
          .isEqualTo(expectation.onChain().join().toHex());
    }
  }

  private CompletableFuture<Bytes> onChainHash(
      EntryPoint entryPoint, Bytes calldata, StateOverrideSet overrides) {
    return eth.ethCall(CallRequest.to(entryPoint.address(), calldata), BlockTag.LATEST, overrides);
  }

  private static Bytes v06Calldata(UserOperation op) {
    DynamicStruct tuple = new DynamicStruct(
        new org.web3j.abi.datatypes.Address(op.sender().toHex()),
        new Uint256(op.nonce()),
        new DynamicBytes(op.initCode().toArray()),
        new DynamicBytes(op.callData().toArray()),
        new Uint256(op.callGasLimit()),
        new Uint256(op.verificationGasLimit()),
        new Uint256(op.preVerificationGas()),
        new Uint256(op.maxFeePerGas()),
        new Uint256(op.maxPriorityFeePerGas()),
        new DynamicBytes(op.paymasterAndData().toArray()),
        new DynamicBytes(op.signature().toArray()));
    return Bytes.concat(selector(GET_USER_OP_HASH_V06),
        Bytes.fromHex("0x" + FunctionEncoder.encodeConstructor(List.<Type>of(tuple))));
  }

  /**
   * {@code getUserOpHash(op)} for v0.7 / v0.8 from the bundle encoder: in {@code handleOps([op],
   * beneficiary)} the operation's tuple follows the selector and four head words (array offset,
   * beneficiary, length, element offset) and is encoded exactly as {@code getUserOpHash} takes it.
   */
  private static Bytes packedCalldata(PackedUserOperation op) {
    Bytes handleOps = HandleOpsCodec.encode(List.of(op), Address.ZERO);
    Bytes tuple = handleOps.slice(4 + 4 * 32, handleOps.length());
    return Bytes.concat(selector(GET_USER_OP_HASH_PACKED),
        Bytes.wrap(Bytes32.fromUint(BigInteger.valueOf(32)).toArray()), tuple);
  }

  private static Bytes selector(String signature) {
    return Bytes.wrap(Keccak.hash(signature)).slice(0, 4);
  }

  private record Expectation(String operation, Bytes32 ours, CompletableFuture<Bytes> onChain) {}
}
