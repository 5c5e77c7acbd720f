/**
 * ABI codecs: the EntryPoint's calls, results, errors and events. Encoding goes through web3j's
 * {@code FunctionEncoder}; decoding through {@link io.seed.bundler.core.abi.AbiReader}.
 */
package io.seed.bundler.core.abi;
