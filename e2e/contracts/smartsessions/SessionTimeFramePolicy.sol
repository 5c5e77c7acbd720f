// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// Smart Sessions TimeFramePolicy: init data is 12 packed bytes uint48 validUntil ‖ uint48 validAfter;
/// every check answers that window as validation data, and reverts for a window of two zeros.
contract SessionTimeFramePolicy is SmartSessionPolicy, IUserOpPolicy, IActionPolicy, I1271Policy {
    struct TimeFrame {
        uint48 validUntil;
        uint48 validAfter;
    }

    error PolicyNotInitialized(bytes32 id, address multiplexer, address account);

    mapping(bytes32 id => mapping(address multiplexer => mapping(address account => TimeFrame))) public frames;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata userOp) external view returns (uint256) {
        return _window(id, userOp.sender);
    }

    function checkAction(bytes32 id, address account, address, uint256, bytes calldata) external view returns (uint256) {
        return _window(id, account);
    }

    function check1271SignedAction(bytes32 id, address, address account, bytes32, bytes calldata)
        external
        view
        returns (bool)
    {
        TimeFrame memory frame = frames[id][msg.sender][account];
        return block.timestamp >= frame.validAfter && (frame.validUntil == 0 || block.timestamp < frame.validUntil);
    }

    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IPolicy).interfaceId
            || interfaceId == type(IUserOpPolicy).interfaceId || interfaceId == type(IActionPolicy).interfaceId
            || interfaceId == type(I1271Policy).interfaceId;
    }

    function _initialize(bytes32 configId, address account, bytes calldata initData) internal override {
        frames[configId][msg.sender][account] =
            TimeFrame(uint48(bytes6(initData[0:6])), uint48(bytes6(initData[6:12])));
    }

    function _window(bytes32 id, address account) private view returns (uint256) {
        TimeFrame memory frame = frames[id][msg.sender][account];
        if (frame.validUntil == 0 && frame.validAfter == 0) {
            revert PolicyNotInitialized(id, msg.sender, account);
        }
        return packWindow(frame.validAfter, frame.validUntil);
    }
}
