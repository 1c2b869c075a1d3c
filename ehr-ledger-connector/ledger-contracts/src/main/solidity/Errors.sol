// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

// Refusals shared by the Custodia registries. Each contract reverts with these typed errors (never with a
// string), so a client can decode the 4-byte selector and its arguments into a typed exception.

/// @notice `account` is not a member of the consortium.
error NotMember(address account);

/// @notice `account` is a member, but not a hospital.
error NotHospital(address account);

/// @notice `account` is a member, but not a proxy re-encryption service.
error NotProxy(address account);

/// @notice A required argument is empty or zero; `field` names it.
error MissingField(string field);

/// @notice The argument `field` is longer than `maxLength` bytes.
error FieldTooLong(string field, uint256 maxLength);

/// @notice No record is anchored under `recordId`.
error UnknownRecord(bytes32 recordId);

/// @notice `account` is not the custodian of `subject` (a record id, or a patient pseudonym when the scope is a
/// patient's records).
error NotCustodian(bytes32 subject, address account);

/// @notice Record `recordId` does not belong to the patient `patientPseudonym`.
error PatientMismatch(bytes32 recordId, bytes32 patientPseudonym);

/// @notice `category` is not one of the consortium's category codes (Categories.sol).
error InvalidCategory(bytes32 category);

/// @notice A content type is not a bare media type. `position` is the offset of the first byte that breaks the rule,
/// or the length when the value ends before a complete `type/subtype`; the value itself is not echoed.
error NotBareMediaType(uint256 position);

/// @notice A batch of `size` entries is more than the `largest` the function takes.
error BatchTooLarge(uint256 size, uint256 largest);
