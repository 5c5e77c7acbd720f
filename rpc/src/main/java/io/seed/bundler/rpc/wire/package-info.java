/**
 * The wire format: the only place where hex JSON becomes domain types and back. Parsing is
 * strict (lengths, hex digits, quantity form, bit widths, size caps) and every refusal is a {@code
 * -32602} error that names the field.
 */
package io.seed.bundler.rpc.wire;
