/**
 * Safe mode: the ERC-7562 validation rules judged on a {@code debug_traceCall} trace of each
 * operation's {@code simulateValidation}. Owns the collector tracer, the parsed per-entity frames,
 * the opcode, storage and stake rules, and the code hashes re-checked before bundling (COD-010).
 */
package io.seed.bundler.core.erc7562;
