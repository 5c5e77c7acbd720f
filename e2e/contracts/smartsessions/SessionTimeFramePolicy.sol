// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// Smart Sessions TimeFramePolicy: init data is 12 packed bytes uint48 validUntil ‖ uint48 validAfter;
/// every check answers that window as validation data, and reverts for a window of two zeros. The
/// configuration is kept and read back as the release does: one word, validUntil << 48 | validAfter.
contract SessionTimeFramePolicy is SmartSessionPolicy, IUserOpPolicy, IActionPolicy, I1271Policy {
    struct TimeFrame {
        uint48 validUntil;
        uint48 validAfter;
    }

    error PolicyNotInitialized(bytes32 id, address multiplexer, address account);

    mapping(bytes32 id => mapping(address multiplexer => mapping(address account => uint256))) public timeFrameConfigs;

    function getTimeFrameConfig(bytes32 id, address multiplexer, address account) external view returns (uint256) {
        return timeFrameConfigs[id][multiplexer][account];
    }

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
        TimeFrame memory frame = _frame(id, account);
        return block.timestamp >= frame.validAfter && (frame.validUntil == 0 || block.timestamp < frame.validUntil);
    }

    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IPolicy).interfaceId
            || interfaceId == type(IUserOpPolicy).interfaceId || interfaceId == type(IActionPolicy).interfaceId
            || interfaceId == type(I1271Policy).interfaceId;
    }

    function _initialize(bytes32 configId, address account, bytes calldata initData) internal override {
        timeFrameConfigs[configId][msg.sender][account] = uint256(uint96(bytes12(initData[0:12])));
    }

    function _frame(bytes32 id, address account) private view returns (TimeFrame memory) {
        uint256 config = timeFrameConfigs[id][msg.sender][account];
        return TimeFrame(uint48(config >> 48), uint48(config));
    }

    function _window(bytes32 id, address account) private view returns (uint256) {
        TimeFrame memory frame = _frame(id, account);
        if (frame.validUntil == 0 && frame.validAfter == 0) {
            revert PolicyNotInitialized(id, msg.sender, account);
        }
        return packWindow(frame.validAfter, frame.validUntil);
    }
}
