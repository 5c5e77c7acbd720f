/**
 * Gas of UserOperations: the calldata-based preVerificationGas both estimation and the precheck
 * use, and estimation of the verification and call gas limits by simulation.
 */
package io.seed.bundler.core.gas;
