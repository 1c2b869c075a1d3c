// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MissingField, FieldTooLong, NotBareMediaType} from "./Errors.sol";

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

/// @dev Reverts like requireText, then with NotBareMediaType unless `value` is a bare media type `type/subtype`:
/// exactly one `/` between two RFC 6838 restricted names in lowercase (a letter or digit, then letters, digits or
/// `!#$&-^_.+`). Parameters (`; name=...`, `; charset=...`), spaces and upper case are refused.
function requireBareMediaType(string calldata value, string memory field, uint256 maxLength) pure {
    requireText(value, field, maxLength);
    bytes calldata text = bytes(value);
    uint256 nameStart = 0;
    bool slashSeen = false;
    for (uint256 i = 0; i < text.length; i++) {
        bytes1 b = text[i];
        if (b == 0x2F && !slashSeen && i > 0) {
            slashSeen = true;
            nameStart = i + 1;
        } else if (i == nameStart ? !isLowerAlphanumeric(b) : !isRestrictedNameChar(b)) {
            revert NotBareMediaType(i);
        }
    }
    if (!slashSeen || nameStart == text.length) revert NotBareMediaType(text.length);
}

/// @dev a-z or 0-9: the first character of a restricted name (lowercase only).
function isLowerAlphanumeric(bytes1 b) pure returns (bool) {
    return (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39);
}

/// @dev A character of a restricted name after the first: a-z, 0-9 or one of ! # $ & - ^ _ . +
function isRestrictedNameChar(bytes1 b) pure returns (bool) {
    return isLowerAlphanumeric(b) || b == 0x21 || b == 0x23 || b == 0x24 || b == 0x26 || b == 0x2D || b == 0x5E
        || b == 0x5F || b == 0x2E || b == 0x2B;
}
