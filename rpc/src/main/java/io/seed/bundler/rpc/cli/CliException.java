package io.seed.bundler.rpc.cli;

/** A command line the bundler cannot act on; the message tells the operator what to fix. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}
