package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.testing.FakeTicker;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantCacheTest {
  private static final Address ENTRY_POINT =
      Address.fromHex("0x0000000071727De22E5E9d8BAf0edAc6f37da032");
  private static final Address ALICE =
      Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address BOB = Address.fromHex("0x2222222222222222222222222222222222222222");

  private static SessionGrant grant(long chainId, Address account, int id) {
    GrantKey key = new GrantKey(chainId, ENTRY_POINT, account, account,
        Bytes.wrap(new byte[] {0, 0, 0, (byte) id}));
    return new SessionGrant(key, new SessionSigner.EcdsaSessionKey(BOB), ValidityWindow.UNBOUNDED,
        PaymasterRule.ANY, List.of(), null, 0);
  }

  private final FakeTicker ticker = new FakeTicker();
  private final GrantCache cache = new GrantCache(ticker, Duration.ofMinutes(5), 100);

  @Test
  void shouldExpireAGrantItsTimeToLiveAfterItWasPut() {
    SessionGrant grant = grant(1, ALICE, 1);
    cache.put(grant);

    ticker.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(cache.find(grant.key())).contains(grant);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(cache.find(grant.key())).isEmpty();
  }

  @Test
  void shouldRestartTheLifeOfAGrantPutAgain() {
    SessionGrant grant = grant(1, ALICE, 1);
    cache.put(grant);
    ticker.advance(Duration.ofMinutes(4));
    cache.put(grant);
    ticker.advance(Duration.ofMinutes(4));

    assertThat(cache.find(grant.key())).contains(grant);
  }

  @Test
  void shouldInvalidateOneGrant() {
    SessionGrant first = grant(1, ALICE, 1);
    SessionGrant second = grant(1, ALICE, 2);
    cache.put(first);
    cache.put(second);

    cache.invalidate(first.key());

    assertThat(cache.find(first.key())).isEmpty();
    assertThat(cache.find(second.key())).contains(second);
  }

  @Test
  void shouldInvalidateEveryGrantOfAnAccountOnOneChain() {
    SessionGrant aliceOne = grant(1, ALICE, 1);
    SessionGrant aliceTwo = grant(1, ALICE, 2);
    SessionGrant aliceOtherChain = grant(10, ALICE, 1);
    SessionGrant bob = grant(1, BOB, 1);
    List.of(aliceOne, aliceTwo, aliceOtherChain, bob).forEach(cache::put);

    cache.invalidateAccounts(1, Set.of(ALICE));

    assertThat(cache.find(aliceOne.key())).isEmpty();
    assertThat(cache.find(aliceTwo.key())).isEmpty();
    assertThat(cache.find(aliceOtherChain.key())).contains(aliceOtherChain);
    assertThat(cache.find(bob.key())).contains(bob);
  }

  @Test
  void shouldRememberADisabledPermissionUntilItIsPutAgainOrExpires() {
    SessionGrant grant = grant(1, ALICE, 1);
    cache.putDisabled(grant.key());

    assertThat(cache.isDisabled(grant.key())).isTrue();
    assertThat(cache.find(grant.key())).isEmpty();
    cache.put(grant);
    assertThat(cache.isDisabled(grant.key())).isFalse();
    cache.putDisabled(grant.key());
    ticker.advance(Duration.ofMinutes(5));
    assertThat(cache.isDisabled(grant.key())).isFalse();
  }

  @Test
  void shouldRecordALoadedDisabledStateOnlyWhenNothingChangedSinceTheLoadBegan() {
    SessionGrant grant = grant(1, ALICE, 1);
    long beforeInstall = cache.changeCount();
    cache.put(grant);

    assertThat(cache.putDisabledUnlessChanged(grant.key(), beforeInstall)).isFalse();
    assertThat(cache.find(grant.key())).contains(grant);

    cache.invalidate(grant.key());
    long beforeLoad = cache.changeCount();
    assertThat(cache.putDisabledUnlessChanged(grant.key(), beforeLoad)).isTrue();
    assertThat(cache.isDisabled(grant.key())).isTrue();
  }

  @Test
  void shouldDropALoadedDisabledStateWhenAnotherAccountChangedMeanwhile() {
    SessionGrant alice = grant(1, ALICE, 1);
    long beforeLoad = cache.changeCount();
    cache.invalidateAccounts(1, Set.of(BOB));

    assertThat(cache.putDisabledUnlessChanged(alice.key(), beforeLoad)).isFalse();
    assertThat(cache.isDisabled(alice.key())).isFalse();
  }

  @Test
  void shouldCacheALoadedGrantOverAnEarlierLoadButNotOverAnObservedChange() {
    // read-back grants: their call scope holds only the keys read
    PermissionTree read = PermissionTree.readWithTargetWildcard(Map.of(), Set.of(
        new CallKey(CallType.CALL, BOB, 0xa9059cbb)));
    SessionGrant partial = grant(1, ALICE, 1).withPermissions(read);
    SessionGrant extended = new SessionGrant(partial.key(), partial.signer(),
        ValidityWindow.UNBOUNDED, PaymasterRule.ANY, List.of(), read, 2);
    long beforeFirstLoad = cache.changeCount();
    assertThat(cache.putUnlessChanged(partial, beforeFirstLoad)).isTrue();

    long beforeSecondLoad = cache.changeCount();
    assertThat(beforeSecondLoad).isEqualTo(beforeFirstLoad);
    assertThat(cache.putUnlessChanged(extended, beforeSecondLoad)).isTrue();
    assertThat(cache.find(extended.key())).contains(extended);

    long beforeStaleLoad = cache.changeCount();
    cache.invalidate(extended.key());
    assertThat(cache.putUnlessChanged(partial, beforeStaleLoad)).isFalse();
    assertThat(cache.find(partial.key())).isEmpty();
    assertThat(cache.changeCount()).isEqualTo(beforeStaleLoad + 1);
  }
}
