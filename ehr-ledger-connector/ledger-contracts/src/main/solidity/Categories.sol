// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {InvalidCategory} from "./Errors.sol";

// The record categories of the consortium: a closed list of document kinds, never a diagnosis or a specialty that
// would hint at one. A code is its UTF-8 text, left-aligned and zero-padded to 32 bytes. The Java API's Category
// lists the same codes; a new code needs both and a redeployment.

bytes32 constant CATEGORY_LABORATORY = "laboratory";
bytes32 constant CATEGORY_IMAGING = "imaging";
bytes32 constant CATEGORY_PATHOLOGY = "pathology";
bytes32 constant CATEGORY_DISCHARGE = "discharge";
bytes32 constant CATEGORY_CLINICAL_NOTE = "clinical-note";
bytes32 constant CATEGORY_REFERRAL = "referral";
bytes32 constant CATEGORY_MEDICATION = "medication";
bytes32 constant CATEGORY_IMMUNIZATION = "immunization";
bytes32 constant CATEGORY_ALLERGY = "allergy";
bytes32 constant CATEGORY_PROCEDURE = "procedure";
bytes32 constant CATEGORY_PATIENT_SUMMARY = "patient-summary";
bytes32 constant CATEGORY_OTHER = "other";

/// @dev Whether `code` is one of the category codes above.
function isCategory(bytes32 code) pure returns (bool) {
    return code == CATEGORY_LABORATORY || code == CATEGORY_IMAGING || code == CATEGORY_PATHOLOGY
        || code == CATEGORY_DISCHARGE || code == CATEGORY_CLINICAL_NOTE || code == CATEGORY_REFERRAL
        || code == CATEGORY_MEDICATION || code == CATEGORY_IMMUNIZATION || code == CATEGORY_ALLERGY
        || code == CATEGORY_PROCEDURE || code == CATEGORY_PATIENT_SUMMARY || code == CATEGORY_OTHER;
}

/// @dev Reverts with InvalidCategory unless `code` is one of the category codes.
function requireCategory(bytes32 code) pure {
    if (!isCategory(code)) revert InvalidCategory(code);
}
