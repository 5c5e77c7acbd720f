/** Immutable byte values shared by every module: addresses, 32-byte words, byte strings, hex. */
package io.seed.bundler.core.types;
