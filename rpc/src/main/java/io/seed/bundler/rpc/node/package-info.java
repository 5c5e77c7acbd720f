/** The wiring of one running bundler from its configuration: what starts, in which order. */
package io.seed.bundler.rpc.node;
