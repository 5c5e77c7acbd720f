package io.seed.bundler.rpc.methods;

/** The answers the {@code debug_bundler} methods share. */
final class DebugResults {
  /** What a debug method that changes state answers, as the spec tests expect a truthy result. */
  static final String OK = "ok";

  private DebugResults() {}
}
