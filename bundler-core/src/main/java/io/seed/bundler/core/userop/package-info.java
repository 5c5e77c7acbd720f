/** The UserOperation in its EntryPoint layouts, the EntryPoint releases, and their hashing. */
package io.seed.bundler.core.userop;
