// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// A token whose slots fall in the three ERC-7562 storage classes: slots associated with an address
/// (balanceOf[a] = keccak(a ‖ 1), info[a].c = keccak(a ‖ 2) + 2) and a slot associated with no
/// address (totalSupply, slot 0).
contract RuleToken {
    struct Info {
        uint256 a;
        uint256 b;
        uint256 c;
    }

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => Info) public info;

    /// Writes only the slot associated with {owner}.
    function credit(address owner) external {
        balanceOf[owner] += 1;
    }

    /// Writes a struct member three slots into the record associated with {owner}.
    function touchInfo(address owner) external {
        info[owner].c += 1;
    }

    /// Writes the slot associated with no address.
    function bumpSupply() external {
        totalSupply += 1;
    }
}
