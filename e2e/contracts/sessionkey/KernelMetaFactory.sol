// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IKernelFactory {
    function createAccount(bytes calldata data, bytes32 salt) external payable returns (address);
}

/// The deployment entry point of ZeroDev's Kernel meta factory (the factory staker at
/// 0xd703aaE79538628d27099B8c4f621bE4CCd142d5), which the ZeroDev SDK puts in an account's
/// initCode by default: `deployWithFactory` forwards to an approved Kernel factory, whose CREATE2
/// decides the account's address. The approved factory is fixed at construction because the test
/// chain places runtime code with anvil_setCode, which keeps immutables but no constructor storage.
contract KernelMetaFactory {
    address public immutable approvedFactory;

    constructor(address factory) {
        approvedFactory = factory;
    }

    function approved(address factory) external view returns (bool) {
        return factory == approvedFactory;
    }

    function deployWithFactory(address factory, bytes calldata createData, bytes32 salt)
        external
        payable
        returns (address)
    {
        require(factory == approvedFactory, "factory not approved");
        return IKernelFactory(factory).createAccount{value: msg.value}(createData, salt);
    }
}
