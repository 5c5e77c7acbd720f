// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RuleAddresses} from "./RuleAddresses.sol";
import {RuleSink} from "./RuleSink.sol";
import {RuleToken} from "./RuleToken.sol";

interface IRuleEntryPoint {
    function depositTo(address account) external payable;
    function balanceOf(address account) external view returns (uint256);
}

/// What behaviours read of the peer account (a RulesAccount).
interface IRulePeer {
    function slotAt(uint256 slot) external view returns (uint256);
}

/// The behaviours a rule entity runs during validation, one ERC-7562 case each, chosen by name.
/// An entity runs them directly, or reaches RuleTarget by CALL or DELEGATECALL (the first byte of
/// the behaviour: 0 direct, 1 CALL, 2 DELEGATECALL; the rest is the name). An empty behaviour does
/// nothing; an unknown name reverts, so a mistyped case fails plain simulation instead of passing.
abstract contract RuleBehaviours {
    uint256 private constant SELF_SLOT = 0x7562;
    uint256 private constant STIPEND = 20_000;
    address private constant POINT_EVALUATION = address(0x0a);
    address private constant BLS12_G1ADD = address(0x0b);

    error UnknownBehaviour(bytes name);
    error Unexpected();
    error EntryFailed(bytes reason);

    /// Runs {behaviour} for the operation of {sender}, with this contract as the entity.
    function _enter(bytes calldata behaviour, address sender) internal {
        if (behaviour.length == 0) return;
        uint8 entry = uint8(behaviour[0]);
        bytes calldata name = behaviour[1:];
        if (entry == 0) {
            _run(name, sender, address(this));
        } else if (entry == 1) {
            RuleTarget(RuleAddresses.TARGET).run(name, sender, address(this));
        } else if (entry == 2) {
            (bool ok, bytes memory reason) = RuleAddresses.TARGET.delegatecall(
                abi.encodeCall(RuleTarget.run, (name, sender, address(this)))
            );
            if (!ok) revert EntryFailed(reason);
        } else {
            revert UnknownBehaviour(behaviour);
        }
    }

    /// {entity} is the entity whose validation this is (this contract unless reached by CALL).
    function _run(bytes calldata name, address sender, address entity) internal {
        bytes32 rule = keccak256(name);
        if (rule == keccak256("NOTHING")) return;
        if (_opcode(rule)) return;
        if (_call(rule, sender)) return;
        if (_entryPoint(rule, sender)) return;
        if (_storage(rule, sender, entity)) return;
        revert UnknownBehaviour(name);
    }

    // [OP-011] [OP-012] [OP-013] [OP-031] [OP-080]
    function _opcode(bytes32 rule) private returns (bool) {
        uint256 value;
        if (rule == keccak256("ORIGIN")) value = uint160(tx.origin);
        else if (rule == keccak256("GASPRICE")) value = tx.gasprice;
        else if (rule == keccak256("BLOCKHASH")) value = uint256(blockhash(0));
        else if (rule == keccak256("COINBASE")) value = uint160(address(block.coinbase));
        else if (rule == keccak256("TIMESTAMP")) value = block.timestamp;
        else if (rule == keccak256("NUMBER")) value = block.number;
        else if (rule == keccak256("PREVRANDAO")) value = block.prevrandao;
        else if (rule == keccak256("GASLIMIT")) value = block.gaslimit;
        else if (rule == keccak256("BASEFEE")) value = block.basefee;
        else if (rule == keccak256("GAS")) value = gasleft();
        else if (rule == keccak256("SELFBALANCE")) value = address(this).balance;
        else if (rule == keccak256("BALANCE")) value = RuleAddresses.SINK.balance;
        else if (rule == keccak256("CREATE")) {
            assembly {
                value := create(0, 0, 0)
            }
        } else if (rule == keccak256("CREATE2")) {
            assembly {
                value := create2(0, 0, 0, 0x7562)
            }
        } else if (rule == keccak256("INVALID")) {
            value = _stipendCall(RuleAddresses.SINK, abi.encodeCall(RuleSink.invalidOpcode, ()));
        } else if (rule == keccak256("SELFDESTRUCT")) {
            value = _stipendCall(RuleAddresses.SINK, abi.encodeCall(RuleSink.destroy, ()));
        } else if (rule == keccak256("UNASSIGNED")) {
            value = _stipendCall(RuleAddresses.UNASSIGNED_OPCODE, "");
        } else {
            return false;
        }
        _use(value);
        return true;
    }

    // [OP-012] [OP-020] [OP-041] [OP-042] [OP-061] [OP-062]
    function _call(bytes32 rule, address sender) private returns (bool) {
        uint256 value;
        if (rule == keccak256("GAS_CALL")) {
            // Solidity passes all gas with GAS immediately before CALL
            (bool ok,) = RuleAddresses.SINK.call(abi.encodeCall(RuleSink.noop, ()));
            value = ok ? 1 : 0;
        } else if (rule == keccak256("OUT_OF_GAS")) {
            value = _stipendCall(RuleAddresses.SINK, abi.encodeCall(RuleSink.burn, ()));
        } else if (rule == keccak256("STIPEND_CALL")) {
            value = _stipendCall(RuleAddresses.SINK, abi.encodeCall(RuleSink.noop, ()));
        } else if (rule == keccak256("EXTCODESIZE_NO_CODE")) {
            value = RuleAddresses.NO_CODE.code.length;
        } else if (rule == keccak256("EXTCODEHASH_NO_CODE")) {
            value = uint256(RuleAddresses.NO_CODE.codehash);
        } else if (rule == keccak256("EXTCODECOPY_NO_CODE")) {
            address target = RuleAddresses.NO_CODE;
            assembly {
                extcodecopy(target, 0, 0, 32)
                value := mload(0)
            }
        } else if (rule == keccak256("CALL_NO_CODE")) {
            (bool ok,) = RuleAddresses.NO_CODE.call("");
            value = ok ? 1 : 0;
        } else if (rule == keccak256("STATICCALL_NO_CODE")) {
            (bool ok,) = RuleAddresses.NO_CODE.staticcall("");
            value = ok ? 1 : 0;
        } else if (rule == keccak256("DELEGATECALL_NO_CODE")) {
            (bool ok,) = RuleAddresses.NO_CODE.delegatecall("");
            value = ok ? 1 : 0;
        } else if (rule == keccak256("EXTCODESIZE_CODE")) {
            value = RuleAddresses.SINK.code.length;
        } else if (rule == keccak256("EXTCODESIZE_SENDER")) {
            value = sender.code.length;
        } else if (rule == keccak256("VALUE_CALL")) {
            (bool ok,) = RuleAddresses.SINK.call{value: 1}("");
            value = ok ? 1 : 0;
        } else if (rule == keccak256("PRECOMPILE_ECRECOVER")) {
            value = uint160(ecrecover(bytes32(uint256(1)), 27, bytes32(uint256(2)), bytes32(uint256(3))));
        } else if (rule == keccak256("PRECOMPILE_SHA256")) {
            value = uint256(sha256("erc7562"));
        } else if (rule == keccak256("PRECOMPILE_BLS12_G1ADD")) {
            // two points at infinity (all zeros) are a valid input
            (bool ok, bytes memory sum) = BLS12_G1ADD.staticcall(new bytes(256));
            value = ok ? sum.length : 0;
        } else {
            return false;
        }
        _use(value);
        return true;
    }

    // [OP-051] [OP-052] [OP-053] [OP-054]
    function _entryPoint(bytes32 rule, address sender) private returns (bool) {
        address entryPoint = RuleAddresses.ENTRY_POINT;
        uint256 value;
        if (rule == keccak256("EP_EXTCODESIZE_ISZERO")) {
            assembly {
                if iszero(extcodesize(entryPoint)) { revert(0, 0) }
            }
        } else if (rule == keccak256("EP_EXTCODEHASH")) {
            value = uint256(entryPoint.codehash);
        } else if (rule == keccak256("EP_DEPOSIT_TO_SENDER")) {
            IRuleEntryPoint(entryPoint).depositTo{value: 1}(sender);
        } else if (rule == keccak256("EP_DEPOSIT_TO_OTHER")) {
            IRuleEntryPoint(entryPoint).depositTo{value: 1}(RuleAddresses.SINK);
        } else if (rule == keccak256("EP_BALANCE_OF")) {
            value = IRuleEntryPoint(entryPoint).balanceOf(sender);
        } else if (rule == keccak256("EP_FALLBACK_WITH_VALUE")) {
            (bool ok,) = entryPoint.call{value: 1}("");
            value = ok ? 1 : 0;
        } else {
            return false;
        }
        _use(value);
        return true;
    }

    // [STO-010] [STO-021] [STO-022] [STO-031] [STO-032] [STO-033] [STO-041] [OP-070]
    function _storage(bytes32 rule, address sender, address entity) private returns (bool) {
        RuleToken token = RuleToken(RuleAddresses.TOKEN);
        uint256 value;
        if (rule == keccak256("SELF_READ")) {
            value = _touchOwnSlot(false, false);
        } else if (rule == keccak256("SELF_WRITE")) {
            value = _touchOwnSlot(false, true);
        } else if (rule == keccak256("SELF_TLOAD")) {
            value = _touchOwnSlot(true, false);
        } else if (rule == keccak256("SELF_TSTORE")) {
            value = _touchOwnSlot(true, true);
        } else if (rule == keccak256("SENDER_TOKEN_READ")) {
            value = token.balanceOf(sender);
        } else if (rule == keccak256("SENDER_TOKEN_WRITE")) {
            token.credit(sender);
        } else if (rule == keccak256("SENDER_TOKEN_STRUCT_WRITE")) {
            token.touchInfo(sender);
        } else if (rule == keccak256("SENDER_ADDRESS_SLOT_READ")) {
            value = token.slotAt(uint160(sender));
        } else if (rule == keccak256("ENTITY_TOKEN_READ")) {
            value = token.balanceOf(entity);
        } else if (rule == keccak256("ENTITY_TOKEN_WRITE")) {
            token.credit(entity);
        } else if (rule == keccak256("ENTITY_ALLOWANCE_READ")) {
            // a token paymaster's check: allowance[sender][entity] is associated with the entity
            value = token.allowance(sender, entity);
        } else if (rule == keccak256("PEER_SENDER_SLOT_READ")) {
            // the slot numbered by the sender: storage associated with the sender, in the peer
            value = IRulePeer(RuleAddresses.PEER).slotAt(uint160(sender));
        } else if (rule == keccak256("PEER_ENTITY_SLOT_READ")) {
            value = IRulePeer(RuleAddresses.PEER).slotAt(uint160(entity));
        } else if (rule == keccak256("PEER_UNASSOCIATED_READ")) {
            value = IRulePeer(RuleAddresses.PEER).slotAt(SELF_SLOT);
        } else if (rule == keccak256("EXTERNAL_READ")) {
            value = token.totalSupply();
        } else if (rule == keccak256("EXTERNAL_WRITE")) {
            token.bumpSupply();
        } else {
            return false;
        }
        _use(value);
        return true;
    }

    /// Reads (and with {write} increments) slot 0x7562 of the running contract's persistent or
    /// transient storage.
    function _touchOwnSlot(bool transientSlot, bool write) private returns (uint256 value) {
        uint256 slot = SELF_SLOT;
        assembly {
            switch transientSlot
            case 0 {
                value := sload(slot)
                if write { sstore(slot, add(value, 1)) }
            }
            default {
                value := tload(slot)
                if write { tstore(slot, add(value, 1)) }
            }
        }
    }

    /// Calls {target} with a fixed stipend (no GAS opcode) and ignores its outcome.
    function _stipendCall(address target, bytes memory data) private returns (uint256) {
        (bool ok,) = target.call{gas: STIPEND}(data);
        return ok ? 1 : 0;
    }

    /// Keeps the optimizer from dropping an opcode whose result nothing else reads.
    function _use(uint256 value) private pure {
        if (value == 0x7562dead) revert Unexpected();
    }
}

/// The contract an entity reaches by CALL or DELEGATECALL to run a behaviour in a nested frame.
contract RuleTarget is RuleBehaviours {
    function run(bytes calldata name, address sender, address entity) external {
        _run(name, sender, entity);
    }
}
