// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MissingField, FieldTooLong} from "./Errors.sol";

/// @dev Reverts with MissingField when `value` is empty, FieldTooLong when it exceeds `maxLength` bytes.
function requireText(string calldata value, string memory field, uint256 maxLength) pure {
    uint256 length = bytes(value).length;
    if (length == 0) revert MissingField(field);
    if (length > maxLength) revert FieldTooLong(field, maxLength);
}

/// @dev Reverts with MissingField when `value` is zero.
function requireNonZero(bytes32 value, string memory field) pure {
    if (value == bytes32(0)) revert MissingField(field);
}
