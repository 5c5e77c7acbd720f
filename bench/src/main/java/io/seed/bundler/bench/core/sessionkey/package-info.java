/**
 * Benchmarks of {@code io.seed.bundler.core.sessionkey}: one whole session-key operation through
 * the pre-validator, stage by stage, on operations the ZeroDev SDK built.
 */
package io.seed.bundler.bench.core.sessionkey;
