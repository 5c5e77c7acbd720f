/**
 * Smart Sessions (the ERC-7579 SmartSession validator, routed by the nonce on Kernel v3, Safe7579
 * and Nexus): USE, ENABLE and UNSAFE_ENABLE signatures, the FastLZ-compressed enable payload, the
 * OwnableValidator session validator and the common policies decoded into a {@link
 * io.seed.bundler.core.sessionkey.SessionGrant}; the session changes an account's calls to the
 * module make; and the grants of sessions enabled on chain unseen, read back from the module's and
 * the policies' view getters ({@link
 * io.seed.bundler.core.sessionkey.smartsessions.SmartSessionGrantLoader}).
 */
package io.seed.bundler.core.sessionkey.smartsessions;
