package io.seed.bundler.core.userop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Fixed vectors: each expected hash is what the EntryPoint's {@code getUserOpHash} returned for
 * the operation on anvil (chain 31337) at the EntryPoints' canonical addresses.
 */
class UserOperationHasherTest {
  private static final long CHAIN_ID = 31337;
  private static final EntryPoint V06 = EntryPoint.canonical(EntryPointVersion.V0_6);
  private static final EntryPoint V07 = EntryPoint.canonical(EntryPointVersion.V0_7);
  private static final EntryPoint V08 = EntryPoint.canonical(EntryPointVersion.V0_8);
  private static final Address DELEGATE = Address.fromHex("0x3333333333333333333333333333333333333333");

  private static final UserOperation FULL_V06 = new UserOperation(
      Address.fromHex("0x1111111111111111111111111111111111111111"),
      BigInteger.valueOf(0x1234).shiftLeft(64).or(BigInteger.valueOf(5)),
      Bytes.fromHex("0x91e60e0613810449d098b0b5ec8b51a0fe8c89855fbfb9cf"),
      Bytes.fromHex("0xb61d27f60000000000000000000000000000000000000000000000000000000000000001"),
      BigInteger.valueOf(100_000), BigInteger.valueOf(200_000), BigInteger.valueOf(50_000),
      BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(1_000_000_000L),
      Bytes.fromHex("0x2222222222222222222222222222222222222222deadbeef"),
      Bytes.fromHex("0x01"));

  private static final PackedUserOperation FULL = new PackedUserOperation(
      Address.fromHex("0x1111111111111111111111111111111111111111"),
      BigInteger.valueOf(0x1234).shiftLeft(64).or(BigInteger.valueOf(5)),
      Address.fromHex("0x91E60e0613810449d098b0b5Ec8b51A0FE8c8985"), Bytes.fromHex("0x5fbfb9cf"),
      Bytes.fromHex("0xb61d27f60000000000000000000000000000000000000000000000000000000000000001"),
      BigInteger.valueOf(100_000), BigInteger.valueOf(200_000), BigInteger.valueOf(50_000),
      BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(1_000_000_000L),
      Address.fromHex("0x2222222222222222222222222222222222222222"),
      BigInteger.valueOf(30_000), BigInteger.valueOf(10_000), Bytes.fromHex("0xdeadbeef"),
      Bytes.fromHex("0x01"), null);

  private static final PackedUserOperation MINIMAL = new PackedUserOperation(
      Address.fromHex("0x1111111111111111111111111111111111111111"), BigInteger.ZERO, null,
      Bytes.EMPTY, Bytes.EMPTY, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
      BigInteger.ZERO, null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);

  private static final PackedUserOperation EIP7702 = eip7702(Bytes.EMPTY);
  private static final PackedUserOperation EIP7702_WITH_INIT_DATA = eip7702(Bytes.fromHex("0xc0ffee"));

  private final UserOperationHasher hasher = new UserOperationHasher();

  @Test
  void shouldHashAV06OperationAsTheEntryPointDoes() {
    assertThat(hasher.hash(FULL_V06, V06, CHAIN_ID))
        .isEqualTo(Bytes32.fromHex("0x6d93df7d10f48a46aedb1961c7d133eb01e884ef6906fb548b31b3169b90a2ce"));
  }

  @Test
  void shouldHashV07OperationsAsTheEntryPointDoes() {
    assertThat(hasher.hash(FULL, V07, CHAIN_ID)).isEqualTo(Bytes32.fromHex("0x881faf7540a1e6d6516c9aacfc8495c780ef000873d75e8d6435aeb50eea09ca"));
    assertThat(hasher.hash(MINIMAL, V07, CHAIN_ID)).isEqualTo(Bytes32.fromHex("0x6be248c612faf3c8aa7545fc9b28ade2ac5a78ef20baab809dfa9f49046808dc"));
  }

  @Test
  void shouldHashV08OperationsAsTheEntryPointDoes() {
    assertThat(hasher.hash(FULL, V08, CHAIN_ID)).isEqualTo(Bytes32.fromHex("0x4fed3d69b22a3ae8033c6d3d1cc0a2cb4392f971543383d0ab75b6e9874eb4e6"));
    assertThat(hasher.hash(MINIMAL, V08, CHAIN_ID)).isEqualTo(Bytes32.fromHex("0x29698de61ad4da8e3173896048b53fd1b432524e7aca058953af0b49e5dcbc89"));
  }

  @Test
  void shouldHashTheDelegateInPlaceOfTheEip7702Marker() {
    assertThat(hasher.hash(EIP7702, V08, CHAIN_ID, DELEGATE)).isEqualTo(Bytes32.fromHex("0x854b051740b3d128466940d25ee87656acc9b25231abbdf0737fbf376c376b46"));
    assertThat(hasher.hash(EIP7702_WITH_INIT_DATA, V08, CHAIN_ID, DELEGATE))
        .isEqualTo(Bytes32.fromHex("0xa6efb7c97465361c67fa225403183a7f8d50796809fd51c0e5973b5382d2291e"));
  }

  @Test
  void shouldTakeTheDelegateFromTheOperationsAuthorization() {
    PackedUserOperation authorized = withAuthorization(EIP7702_WITH_INIT_DATA, DELEGATE);

    assertThat(hasher.hash(authorized, V08, CHAIN_ID))
        .isEqualTo(hasher.hash(EIP7702_WITH_INIT_DATA, V08, CHAIN_ID, DELEGATE));
  }

  @Test
  void shouldRefuseAnEip7702OperationWithoutAKnownDelegate() {
    assertThatThrownBy(() -> hasher.hash(EIP7702, V08, CHAIN_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delegate");
  }

  @Test
  void shouldHashTheMarkerLikeAnyFactoryBeforeV08() {
    assertThat(hasher.hash(EIP7702, V07, CHAIN_ID))
        .isEqualTo(hasher.hash(EIP7702, V07, CHAIN_ID, DELEGATE));
  }

  @Test
  void shouldLeaveTheSignatureOutOfTheHash() {
    Bytes otherSignature = Bytes.fromHex("0x" + "ab".repeat(65));

    assertThat(hasher.hash(FULL.withSignature(otherSignature), V08, CHAIN_ID))
        .isEqualTo(hasher.hash(FULL, V08, CHAIN_ID));
    assertThat(hasher.hash(FULL.withSignature(otherSignature), V07, CHAIN_ID))
        .isEqualTo(hasher.hash(FULL, V07, CHAIN_ID));
  }

  @Test
  void shouldBindTheHashToTheEntryPointAndChain() {
    EntryPoint elsewhere = new EntryPoint(DELEGATE, EntryPointVersion.V0_8);

    assertThat(hasher.hash(FULL, elsewhere, CHAIN_ID)).isNotEqualTo(hasher.hash(FULL, V08, CHAIN_ID));
    assertThat(hasher.hash(FULL, V08, 1)).isNotEqualTo(hasher.hash(FULL, V08, CHAIN_ID));
    assertThat(hasher.hash(FULL, V07, 1)).isNotEqualTo(hasher.hash(FULL, V07, CHAIN_ID));
  }

  @Test
  void shouldRefuseALayoutThatDoesNotFitTheEntryPoint() {
    assertThatThrownBy(() -> hasher.hash(FULL, V06, CHAIN_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.6");
    assertThatThrownBy(() -> hasher.hash(FULL_V06, V07, CHAIN_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.7");
  }

  private static PackedUserOperation eip7702(Bytes initData) {
    return new PackedUserOperation(
        Address.fromHex("0x4444444444444444444444444444444444444444"), BigInteger.ONE,
        PackedUserOperationHashV08.EIP7702_MARKER, initData, Bytes.fromHex("0x1234"),
        BigInteger.valueOf(100_000), BigInteger.valueOf(200_000), BigInteger.valueOf(50_000),
        BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(1_000_000_000L), null,
        BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
  }

  private static PackedUserOperation withAuthorization(PackedUserOperation op, Address delegate) {
    return new PackedUserOperation(
        op.sender(), op.nonce(), op.factory(), op.factoryData(), op.callData(), op.callGasLimit(),
        op.verificationGasLimit(), op.preVerificationGas(), op.maxFeePerGas(),
        op.maxPriorityFeePerGas(), op.paymaster(), op.paymasterVerificationGasLimit(),
        op.paymasterPostOpGasLimit(), op.paymasterData(), op.signature(),
        new Eip7702Authorization(BigInteger.valueOf(CHAIN_ID), delegate, BigInteger.ZERO, 0,
            BigInteger.ONE, BigInteger.TWO));
  }
}
