package io.seed.bundler.core.sessionkey;

/** The outcome of checking a session key's signature in memory. */
public enum SignatureCheck {
  /** The signer contract would accept it. */
  VALID,
  /** The signer contract would report a signature failure (-32507). */
  INVALID,
  /** It depends on something not modelled (a contract signer, an opaque validator). */
  UNDECIDED
}
