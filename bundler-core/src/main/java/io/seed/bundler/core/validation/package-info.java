/** Validation of UserOperations: the I/O-free precheck, simulation, and the rejection model. */
package io.seed.bundler.core.validation;
