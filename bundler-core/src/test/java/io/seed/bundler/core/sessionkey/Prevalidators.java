package io.seed.bundler.core.sessionkey;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionContracts;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionFormat;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionContracts;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionFormat;
import java.time.Duration;
import java.util.List;

/** Pre-validators over the deployed contract addresses, for tests. */
final class Prevalidators {
  private Prevalidators() {}

  static SessionKeyPrevalidator standard(GrantCache cache, PendingOperations pending) {
    return new SessionKeyPrevalidator(
        List.of(new KernelPermissionFormat(KernelPermissionContracts.zeroDevDeployments()),
            new SmartSessionFormat(SmartSessionContracts.rhinestoneDeployments())),
        cache, new SignerVerification(new SessionKeyRegistry(1000)), pending, 30);
  }

  /** A pre-validator whose cache holds {@code grant} and nothing else. */
  static SessionKeyPrevalidator holding(SessionGrant grant) {
    GrantCache cache = cache();
    cache.put(grant);
    return standard(cache, PendingOperations.NONE);
  }

  static GrantCache cache() {
    return new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10), 1000);
  }
}
