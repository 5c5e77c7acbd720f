package io.seed.bundler.core.builder;

/** When the {@link BundleBuilder} sends bundles. */
public enum BundlingMode {
  /** Whenever the pool holds operations, checked every poll interval. */
  AUTO,
  /** Only when asked through {@link BundleBuilder#sendBundleNow()}. */
  MANUAL
}
