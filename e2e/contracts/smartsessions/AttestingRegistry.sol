// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// A stand-in for the Rhinestone module registry the SmartSession build calls in ENABLE mode: its
/// checks return normally, as the registry does for a module every trusted attester has attested.
contract AttestingRegistry {
    function checkForAccount(address, address) external pure {}

    function checkForAccount(address, address, uint256) external pure {}
}
