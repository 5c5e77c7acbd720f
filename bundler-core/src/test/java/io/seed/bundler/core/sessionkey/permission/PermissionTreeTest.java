package io.seed.bundler.core.sessionkey.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionTreeTest {
  private static final Address TOKEN =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Address OTHER =
      Address.fromHex("0x4444444444444444444444444444444444444444");
  private static final CallPermission LIMITED =
      new CallPermission(List.of(new ValueLimit(BigInteger.ONE)));

  @Test
  void shouldFindTheExactKeyBeforeTheWildcard() {
    PermissionTree tree = PermissionTree.withTargetWildcard(Map.of(
        new CallKey(CallType.CALL, TOKEN, 1), LIMITED,
        new CallKey(CallType.CALL, Address.ZERO, 1), CallPermission.UNCONDITIONAL));

    assertThat(tree.find(new CallKey(CallType.CALL, TOKEN, 1))).isSameAs(LIMITED);
    assertThat(tree.find(new CallKey(CallType.CALL, OTHER, 1)))
        .isSameAs(CallPermission.UNCONDITIONAL);
    assertThat(tree.find(new CallKey(CallType.CALL, OTHER, 2))).isNull();
    assertThat(tree.find(new CallKey(CallType.DELEGATECALL, TOKEN, 1))).isNull();
  }

  @Test
  void shouldTreatTheZeroTargetAsAnAddressWhenItIsNoWildcard() {
    PermissionTree tree = PermissionTree.withFallback(
        Map.of(new CallKey(CallType.CALL, Address.ZERO, 1), LIMITED), null);

    assertThat(tree.find(new CallKey(CallType.CALL, OTHER, 1))).isNull();
  }

  @Test
  void shouldFallBackForEveryOtherCall() {
    PermissionTree tree = PermissionTree.withFallback(
        Map.of(new CallKey(CallType.CALL, TOKEN, 1), LIMITED), CallPermission.UNCONDITIONAL);

    assertThat(tree.find(new CallKey(CallType.CALL, TOKEN, 1))).isSameAs(LIMITED);
    assertThat(tree.find(new CallKey(CallType.CALL, OTHER, 7)))
        .isSameAs(CallPermission.UNCONDITIONAL);
  }

  @Test
  void shouldLookUpOneOfAHundredPermissionsByHash() {
    Map<CallKey, CallPermission> permissions = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      byte[] target = new byte[20];
      target[19] = (byte) (i + 1);
      permissions.put(new CallKey(CallType.CALL, Address.of(target), 0xa9059cbb + i), LIMITED);
    }
    PermissionTree tree = PermissionTree.withTargetWildcard(permissions);
    byte[] last = new byte[20];
    last[19] = 100;

    assertThat(tree.size()).isEqualTo(100);
    assertThat(tree.find(new CallKey(CallType.CALL, Address.of(last), 0xa9059cbb + 99)))
        .isSameAs(LIMITED);
    assertThat(tree.find(new CallKey(CallType.CALL, Address.of(last), 0xa9059cbb))).isNull();
  }

  @Test
  void shouldReturnTheFirstViolatedRuleOfAPermission() {
    CallPermission permission = new CallPermission(List.of(new ValueLimit(BigInteger.TEN),
        new ArgumentRule(Condition.EQUAL, 0, List.of(Bytes32.ZERO))));
    Call call = new Call(CallType.CALL, TOKEN, BigInteger.valueOf(11),
        CallData.call(1, BigInteger.ONE));

    assertThat(permission.check(call, new Evaluation())).isEqualTo("value must be <= 10");
  }

  @Test
  void shouldJudgeInAPartialTreeOnlyCallsWhoseWildcardEntryWasReadToo() {
    CallKey transfer = new CallKey(CallType.CALL, TOKEN, 1);
    PermissionTree tree = PermissionTree.readWithTargetWildcard(
        Map.of(transfer, LIMITED), Set.of(transfer));

    assertThat(tree.isComplete()).isFalse();
    assertThat(tree.covers(transfer)).isFalse();

    PermissionTree withWildcard = tree.extendedWith(PermissionTree.readWithTargetWildcard(
        Map.of(), Set.of(transfer.anyTarget())));
    assertThat(withWildcard.covers(transfer)).isTrue();
    assertThat(withWildcard.find(transfer)).isSameAs(LIMITED);
    assertThat(withWildcard.covers(new CallKey(CallType.CALL, OTHER, 1))).isFalse();
  }

  @Test
  void shouldLetALaterReadReplaceAndRemoveWhatAnEarlierReadFound() {
    CallKey transfer = new CallKey(CallType.CALL, TOKEN, 1);
    CallKey approve = new CallKey(CallType.CALL, TOKEN, 2);
    PermissionTree earlier = PermissionTree.readWithFallback(
        Map.of(transfer, LIMITED, approve, LIMITED), null, Set.of(transfer, approve));

    PermissionTree later = earlier.extendedWith(PermissionTree.readWithFallback(
        Map.of(transfer, CallPermission.UNCONDITIONAL), null, Set.of(transfer, approve)));

    assertThat(later.find(transfer)).isSameAs(CallPermission.UNCONDITIONAL);
    assertThat(later.covers(approve)).isTrue();
    assertThat(later.find(approve)).isNull();
  }

  @Test
  void shouldJudgeEveryCallInACompleteTree() {
    PermissionTree tree = PermissionTree.withTargetWildcard(Map.of());

    assertThat(tree.isComplete()).isTrue();
    assertThat(tree.covers(new CallKey(CallType.CALL, OTHER, 9))).isTrue();
    assertThat(tree.find(new CallKey(CallType.CALL, OTHER, 9))).isNull();
  }
}
