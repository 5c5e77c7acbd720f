/**
 * JMH benchmarks of the bundler's hot path, in packages that mirror the production ones; this
 * package holds what they share: the run settings and sample operations.
 */
package io.seed.bundler.bench;
