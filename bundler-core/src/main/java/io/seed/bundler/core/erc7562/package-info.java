/**
 * Safe mode: the ERC-7562 validation rules judged on a {@code debug_traceCall} trace of each
 * operation's {@code simulateValidation}. Owns the collector tracer, the parsed per-entity frames,
 * the opcode, storage and stake rules, the code hashes re-checked before bundling (COD-010), and
 * the record of the contracts whose storage validation used (STO-041).
 */
package io.seed.bundler.core.erc7562;
