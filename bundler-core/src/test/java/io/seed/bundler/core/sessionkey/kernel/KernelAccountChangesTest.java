package io.seed.bundler.core.sessionkey.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.sessionkey.GrantChange;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelAccountChangesTest {
  private static final long CHAIN = GrantObserverTest.CHAIN;
  private static final EntryPoint V07 = GrantObserverTest.V07;
  private static final Address ACCOUNT = GrantObserverTest.ACCOUNT;
  private static final KernelAccountChanges READER =
      new KernelAccountChanges(KernelPermissionContracts.zeroDevDeployments());

  private static List<GrantChange> changes(Bytes callData) {
    PackedUserOperation op = KernelOperations.unsigned(ACCOUNT, BigInteger.ZERO, callData);
    return READER.changes(op, V07, CHAIN);
  }

  private static GrantKey key(String permissionId) {
    return new GrantKey(CHAIN, V07.address(), ACCOUNT, ACCOUNT, Bytes.fromHex(permissionId));
  }

  @Test
  void shouldUseTheSelectorsOfKernelsFunctions() {
    assertThat(Abi.selector("installValidations(bytes21[],(uint32,address)[],bytes[],bytes[])"))
        .isEqualTo(KernelAccountChanges.INSTALL_VALIDATIONS);
    assertThat(Abi.selector("uninstallValidation(bytes21,bytes,bytes)"))
        .isEqualTo(KernelAccountChanges.UNINSTALL_VALIDATION);
    assertThat(Abi.selector("grantAccess(bytes21,bytes4,bool)"))
        .isEqualTo(KernelAccountChanges.GRANT_ACCESS);
    assertThat(Abi.selector("executeUserOp((address,uint256,bytes,bytes,bytes32,uint256,bytes32,"
        + "bytes,bytes),bytes32)"))
        .isEqualTo(KernelAccountChanges.EXECUTE_USER_OP);
  }

  @Test
  void shouldReadEveryPermissionOfOneInstallValidationsAndSkipValidators() {
    Bytes sudo = KernelPermissionData.validatorData(
        List.of(new Module(0, KernelChain.SUDO_POLICY, Bytes.EMPTY)),
        new Module(0, KernelChain.ECDSA_SIGNER, ACCOUNT.toBytes()));
    Bytes unknownFlag = KernelPermissionData.validatorData(List.of(),
        new Module(1, KernelChain.ECDSA_SIGNER, ACCOUNT.toBytes()));
    Bytes validator = Bytes.concat(Bytes.fromHex("0x01"), KernelChain.ECDSA_VALIDATOR.toBytes());
    Bytes install = Abi.call("installValidations(bytes21[],(uint32,address)[],bytes[],bytes[])",
        Abi.array(List.of(Abi.fixedBytes(KernelAccountCalls.validationId(Bytes.fromHex(
                "0x00000001"))), Abi.fixedBytes(validator),
            Abi.fixedBytes(KernelAccountCalls.validationId(Bytes.fromHex("0x00000002"))))),
        Abi.array(List.of(Abi.tuple(Abi.uint(1), Abi.address(Address.ZERO)),
            Abi.tuple(Abi.uint(1), Abi.address(Address.ZERO)),
            Abi.tuple(Abi.uint(1), Abi.address(Address.ZERO)))),
        Abi.array(List.of(Abi.bytes(sudo), Abi.bytes(Bytes.EMPTY), Abi.bytes(unknownFlag))),
        Abi.array(List.of(Abi.bytes(Bytes.EMPTY), Abi.bytes(Bytes.EMPTY),
            Abi.bytes(Bytes.EMPTY))));

    List<GrantChange> changes = changes(install);

    assertThat(changes).containsExactly(
        new GrantChange.Installed(new KernelPermissionDecoder(
            KernelPermissionContracts.zeroDevDeployments()).decode(key("0x00000001"), sudo)),
        new GrantChange.Unreadable(key("0x00000002")));
  }

  @Test
  void shouldReadTheChangesOfABatchInOrder() {
    Bytes uninstall = KernelAccountCalls.uninstallPermission(Bytes.fromHex("0x00000007"), 2);
    Bytes batch = CallData.batch(
        new Call(CallType.CALL, ACCOUNT, BigInteger.ZERO,
            uninstall),
        new Call(CallType.CALL, ACCOUNT, BigInteger.ZERO,
            KernelAccountCalls.invalidateNonce(3)));

    assertThat(changes(batch)).containsExactly(
        new GrantChange.Uninstalled(key("0x00000007")),
        new GrantChange.AccountReconfigured(ACCOUNT));
  }

  @Test
  void shouldTreatMalformedSelfCallsAndOtherAccountEntryPointsAsReconfigurations() {
    Bytes cutOff = KernelAccountCalls.uninstallPermission(Bytes.fromHex("0x00000007"), 2)
        .slice(0, 20);
    Bytes simpleAccountExecute = Abi.call("execute(address,uint256,bytes)",
        Abi.address(ACCOUNT), Abi.uint(0), Abi.bytes(Bytes.EMPTY));

    assertThat(changes(cutOff)).containsExactly(new GrantChange.AccountReconfigured(ACCOUNT));
    assertThat(changes(simpleAccountExecute))
        .containsExactly(new GrantChange.AccountReconfigured(ACCOUNT));
    assertThat(changes(Bytes.EMPTY)).isEmpty();
  }

  @Test
  void shouldReadTheSdkInstallOfAPermissionAsThatInstallOnly() {
    Bytes sudo = KernelPermissionData.validatorData(
        List.of(new Module(0, KernelChain.SUDO_POLICY, Bytes.EMPTY)),
        new Module(0, KernelChain.ECDSA_SIGNER, ACCOUNT.toBytes()));

    List<GrantChange> changes = changes(KernelAccountCalls.installPermissionForExecute(ACCOUNT,
        Bytes.fromHex("0x00000009"), 2, sudo));

    assertThat(changes).containsExactly(new GrantChange.Installed(new KernelPermissionDecoder(
        KernelPermissionContracts.zeroDevDeployments()).decode(key("0x00000009"), sudo)));
  }
}
