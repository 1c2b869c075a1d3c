// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ConsortiumRegistry, ROLE_HOSPITAL, ROLE_PROXY} from "./ConsortiumRegistry.sol";
import {NotMember, NotHospital, NotProxy, MissingField} from "./Errors.sol";

/// @title Role checks against the consortium registry
/// @notice Base of the registries whose functions only members in a given role may call.
abstract contract MemberGate {
    /// @notice The consortium registry that decides membership and roles.
    ConsortiumRegistry public immutable consortium;

    constructor(ConsortiumRegistry consortiumRegistry) {
        if (address(consortiumRegistry) == address(0)) revert MissingField("consortium");
        consortium = consortiumRegistry;
    }

    modifier onlyHospital() {
        requireRole(msg.sender, ROLE_HOSPITAL);
        _;
    }

    modifier onlyProxy() {
        requireRole(msg.sender, ROLE_PROXY);
        _;
    }

    /// @dev Reverts with NotMember unless the caller is a member, in either role.
    modifier onlyMember() {
        if (consortium.roleOf(msg.sender) == 0) revert NotMember(msg.sender);
        _;
    }

    /// @dev Reverts with NotMember, NotHospital or NotProxy unless `account` is a member in `role`.
    function requireRole(address account, uint8 role) internal view {
        uint8 actual = consortium.roleOf(account);
        if (actual == 0) revert NotMember(account);
        if (actual != role) {
            if (role == ROLE_HOSPITAL) revert NotHospital(account);
            revert NotProxy(account);
        }
    }
}
