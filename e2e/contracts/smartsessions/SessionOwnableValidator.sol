// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// OwnableValidator as a Smart Sessions session validator: data is abi.encode(uint256 threshold,
/// address[] owners) with owners sorted and unique (else the signature is invalid), and the signature
/// is at least `threshold` 65-byte r ‖ s ‖ v words (fewer revert). A word with v above 30 signs the
/// EIP-191 form of the hash with v - 4; v 0 names a contract owner in r that must answer ERC-1271 for
/// the tail at offset s; other words sign the hash as given, and words that recover nothing count for
/// nobody. Deployments differ in which hash that is: see the two contracts below.
abstract contract OwnableSessionValidator is ISessionValidator, IERC165 {
    error InvalidSignature();

    function validateSignatureWithData(bytes32 hash, bytes calldata signature, bytes calldata data)
        external
        view
        returns (bool)
    {
        (uint256 threshold, address[] memory owners) = abi.decode(data, (uint256, address[]));
        for (uint256 i = 1; i < owners.length; i++) {
            if (owners[i - 1] >= owners[i]) {
                return false;
            }
        }
        if (threshold == 0) {
            return false;
        }
        if (signature.length < threshold * 65) {
            revert InvalidSignature();
        }
        bytes32 signed = _signedHash(hash);
        address[] memory signers = new address[](threshold);
        uint256 valid;
        for (uint256 i = 0; i < threshold; i++) {
            address signer = _signer(signed, signature, i);
            if (signer == address(0) || !_contains(owners, signer) || _contains(signers, signer)) {
                continue;
            }
            signers[valid++] = signer;
        }
        return valid >= threshold;
    }

    function isModuleType(uint256 moduleTypeId) external pure returns (bool) {
        return moduleTypeId == MODULE_TYPE_STATELESS_VALIDATOR;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(ISessionValidator).interfaceId;
    }

    /// The hash the session keys' words sign.
    function _signedHash(bytes32 hash) internal pure virtual returns (bytes32);

    function _signer(bytes32 hash, bytes calldata signature, uint256 index) private view returns (address) {
        uint256 at = index * 65;
        bytes32 r = bytes32(signature[at:at + 32]);
        bytes32 s = bytes32(signature[at + 32:at + 64]);
        uint8 v = uint8(signature[at + 64]);
        if (v == 0) {
            return _contractSigner(hash, signature, address(uint160(uint256(r))), uint256(s));
        }
        if (v > 30) {
            return ecrecover(toEthSignedMessageHash(hash), v - 4, r, s);
        }
        return ecrecover(hash, v, r, s);
    }

    /// The contract owner `owner` when it answers ERC-1271 for the bytes at offset `tail`.
    function _contractSigner(bytes32 hash, bytes calldata signature, address owner, uint256 tail)
        private
        view
        returns (address)
    {
        uint256 length = uint256(bytes32(signature[tail:tail + 32]));
        (bool ok, bytes memory answer) =
            owner.staticcall(abi.encodeWithSelector(0x1626ba7e, hash, signature[tail + 32:tail + 32 + length]));
        return ok && answer.length >= 32 && bytes4(answer) == 0x1626ba7e ? owner : address(0);
    }

    function _contains(address[] memory list, address value) private pure returns (bool) {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == value) {
                return true;
            }
        }
        return false;
    }
}

function toEthSignedMessageHash(bytes32 hash) pure returns (bytes32) {
    return keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", hash));
}

/// The OwnableValidator build module-sdk 0.4.0 names (0x2483DA3A…): session keys sign the EIP-191
/// form of the userOpHash.
contract SessionOwnableValidatorEip191 is OwnableSessionValidator {
    function _signedHash(bytes32 hash) internal pure override returns (bytes32) {
        return toEthSignedMessageHash(hash);
    }
}

/// The later OwnableValidator build (0x000000000013fdB5…): session keys sign the userOpHash itself.
contract SessionOwnableValidatorRawHash is OwnableSessionValidator {
    function _signedHash(bytes32 hash) internal pure override returns (bytes32) {
        return hash;
    }
}
