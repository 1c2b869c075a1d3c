// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ConsortiumRegistry, ROLE_HOSPITAL} from "./ConsortiumRegistry.sol";
import {RecordRegistry} from "./RecordRegistry.sol";
import {MemberGate} from "./MemberGate.sol";
import {NotMember, MissingField, NotCustodian, PatientMismatch, BatchTooLarge} from "./Errors.sol";
import {requireText, requireNonZero} from "./Fields.sol";
import {requireCategory} from "./Categories.sol";

/// @title Consent registry
/// @notice Decides who may read which record. A custodian hospital grants another hospital access to its records
/// of a patient (one record, one category, or all of them) for a purpose until an expiry, and may revoke the
/// grant. Hospitals request access and custodians approve or deny. In an emergency a hospital may declare
/// break-glass access to all records of a patient for a fixed window, giving a reason code from a closed list; it
/// cannot renew a declaration while it is active, and the declaration stays flagged until a custodian of that
/// patient other than the declarer marks it reviewed. Proxies log every re-encryption they serve, and may log only
/// accesses that are allowed at that moment. Purposes are short codes, never clinical details.
contract ConsentRegistry is MemberGate {
    /// @notice The most accesses one `logAccessBatch` takes.
    uint256 public constant MAX_LOG_BATCH = 32;

    /// @notice One access of `logAccessBatch`: the parameters of `logAccess`.
    struct AccessToLog {
        bytes32 recordId;
        address accessor;
    }

    uint8 public constant SCOPE_RECORD = 0;
    uint8 public constant SCOPE_CATEGORY = 1;
    uint8 public constant SCOPE_ALL = 2;

    uint8 public constant REQUEST_PENDING = 1;
    uint8 public constant REQUEST_APPROVED = 2;
    uint8 public constant REQUEST_DENIED = 3;

    uint8 public constant BASIS_CUSTODIAN = 1;
    uint8 public constant BASIS_GRANT = 2;
    uint8 public constant BASIS_EMERGENCY = 3;

    // Emergency reason codes: the closed list a declaration chooses from (no free text on chain).
    /// @notice The patient is unconscious or otherwise unable to communicate or consent.
    uint8 public constant REASON_UNCONSCIOUS_PATIENT = 1;
    /// @notice A condition that threatens the patient's life or limb needs the records now.
    uint8 public constant REASON_LIFE_THREATENING_CONDITION = 2;
    /// @notice Urgent treatment needs the records and the custodian cannot be reached in time to grant access.
    uint8 public constant REASON_CUSTODIAN_UNREACHABLE = 3;
    /// @notice A declared public health emergency (e.g. a mass-casualty incident or an outbreak).
    uint8 public constant REASON_PUBLIC_HEALTH_EMERGENCY = 4;

    /// @notice How long emergency access lasts after it is declared.
    uint64 public constant EMERGENCY_ACCESS_WINDOW = 24 hours;
    uint256 public constant MAX_PURPOSE = 128;

    /// @notice Access granted by `custodian` to `grantee` on the custodian's records of a patient. `recordId` is
    /// set only for SCOPE_RECORD, `category` only for SCOPE_CATEGORY; `requestId` is zero for a direct grant.
    struct Grant {
        bytes32 patientPseudonym;
        address custodian;
        address grantee;
        uint8 scope;
        bytes32 recordId;
        bytes32 category;
        string purpose;
        uint64 grantedAt;
        uint64 expiresAt;
        uint64 revokedAt;
        uint256 requestId;
    }

    struct AccessRequest {
        bytes32 patientPseudonym;
        address requester;
        address custodian;
        uint8 scope;
        bytes32 recordId;
        bytes32 category;
        string purpose;
        uint64 requestedAt;
        uint8 status;
        uint256 grantId;
    }

    struct EmergencyAccess {
        bytes32 patientPseudonym;
        address requester;
        uint8 reason;
        uint64 declaredAt;
        uint64 expiresAt;
        address reviewedBy;
        uint64 reviewedAt;
    }

    /// @dev Why a member may or may not read a record right now.
    struct Assessment {
        uint8 basis;
        uint256 basisId;
        uint256 revokedGrant;
        uint256 expiredGrant;
        uint256 expiredEmergency;
    }

    RecordRegistry public immutable records;

    uint256 public grantCount;
    uint256 public requestCount;
    uint256 public emergencyCount;
    uint256 public accessLogCount;

    mapping(uint256 => Grant) private grants;
    mapping(uint256 => AccessRequest) private requests;
    mapping(uint256 => EmergencyAccess) private emergencies;
    mapping(bytes32 => uint256[]) private patientGrants;
    mapping(bytes32 => uint256[]) private patientRequests;
    mapping(bytes32 => uint256[]) private patientEmergencies;
    mapping(bytes32 => mapping(address => uint256[])) private granteeGrants;
    mapping(bytes32 => mapping(address => uint256)) private latestEmergency;

    event ConsentGranted(
        uint256 indexed grantId,
        bytes32 indexed patientPseudonym,
        address indexed grantee,
        address custodian,
        uint8 scope,
        bytes32 recordId,
        bytes32 category,
        string purpose,
        uint64 expiresAt,
        uint256 requestId
    );
    event ConsentRevoked(
        uint256 indexed grantId, bytes32 indexed patientPseudonym, address indexed grantee, address custodian
    );
    event AccessRequested(
        uint256 indexed requestId,
        bytes32 indexed patientPseudonym,
        address indexed custodian,
        address requester,
        uint8 scope,
        bytes32 recordId,
        bytes32 category,
        string purpose
    );
    event AccessRequestApproved(uint256 indexed requestId, uint256 indexed grantId, address indexed requester);
    event AccessRequestDenied(uint256 indexed requestId, address indexed requester, address custodian);
    event EmergencyAccessDeclared(
        uint256 indexed emergencyId,
        bytes32 indexed patientPseudonym,
        address indexed requester,
        uint8 reason,
        uint64 expiresAt
    );
    event EmergencyAccessReviewed(
        uint256 indexed emergencyId, bytes32 indexed patientPseudonym, address indexed reviewer
    );
    event AccessLogged(
        uint256 indexed logId,
        bytes32 indexed recordId,
        address indexed accessor,
        address proxy,
        bytes32 patientPseudonym,
        uint8 basis,
        uint256 basisId
    );

    /// @notice `scope` is not SCOPE_RECORD (0), SCOPE_CATEGORY (1) or SCOPE_ALL (2).
    error InvalidScope(uint8 scope);
    /// @notice `expiresAt` (unix seconds) is not in the future.
    error InvalidExpiry(uint64 expiresAt);
    error UnknownGrant(uint256 grantId);
    error UnknownRequest(uint256 requestId);
    error UnknownEmergency(uint256 emergencyId);
    /// @notice No record is anchored for `patientPseudonym`.
    error UnknownPatient(bytes32 patientPseudonym);
    /// @notice Only the custodian that issued grant `grantId` may revoke it.
    error NotGranter(uint256 grantId, address account);
    /// @notice Only the custodian that request `requestId` is addressed to may answer it.
    error NotRequestCustodian(uint256 requestId, address account);
    error RequestNotPending(uint256 requestId, uint8 status);
    /// @notice Grant `grantId` expired at `expiredAt`; it is the closest match for the refused access.
    error GrantExpired(uint256 grantId, uint64 expiredAt);
    /// @notice Grant `grantId` has been revoked; it is the closest match for the refused access.
    error GrantRevoked(uint256 grantId);
    /// @notice Emergency access `emergencyId` ended at `expiredAt`.
    error EmergencyAccessExpired(uint256 emergencyId, uint64 expiredAt);
    error AlreadyReviewed(uint256 emergencyId);
    /// @notice `reason` is not one of the REASON_ codes (1 to 4).
    error InvalidReason(uint8 reason);
    /// @notice The caller's emergency access `emergencyId` to this patient is still active until `expiresAt`; it
    /// cannot be renewed before it ends.
    error EmergencyAccessActive(uint256 emergencyId, uint64 expiresAt);
    /// @notice `declarer` declared emergency access `emergencyId`, so another custodian must review it.
    error DeclarerCannotReview(uint256 emergencyId, address declarer);
    /// @notice Nothing gives `member` access to record `recordId`.
    error NoAccess(bytes32 recordId, address member);

    constructor(ConsortiumRegistry consortiumRegistry, RecordRegistry recordRegistry)
        MemberGate(consortiumRegistry)
    {
        if (address(recordRegistry) == address(0)) revert MissingField("records");
        records = recordRegistry;
    }

    /// @notice Grants hospital `grantee` access to the caller's records of `patientPseudonym` within `scope`.
    /// @param recordId the record, for SCOPE_RECORD (the caller must be its custodian); ignored otherwise
    /// @param category the category code, for SCOPE_CATEGORY; ignored otherwise
    /// @param expiresAt unix seconds after which the grant no longer applies
    /// @return grantId the id of the new grant
    function grant(
        bytes32 patientPseudonym,
        address grantee,
        uint8 scope,
        bytes32 recordId,
        bytes32 category,
        string calldata purpose,
        uint64 expiresAt
    ) external onlyHospital returns (uint256 grantId) {
        checkScope(patientPseudonym, msg.sender, scope, recordId, category);
        requireRole(grantee, ROLE_HOSPITAL);
        requireText(purpose, "purpose", MAX_PURPOSE);
        return issueGrant(
            Grant(patientPseudonym, msg.sender, grantee, scope, scoped(scope, SCOPE_RECORD, recordId),
                scoped(scope, SCOPE_CATEGORY, category), purpose, uint64(block.timestamp), expiresAt, 0, 0)
        );
    }

    /// @notice Revokes grant `grantId`; only the custodian that issued it may, while it is neither revoked nor
    /// expired.
    function revoke(uint256 grantId) external {
        Grant storage revoked = grants[grantId];
        if (revoked.custodian == address(0)) revert UnknownGrant(grantId);
        if (revoked.custodian != msg.sender) revert NotGranter(grantId, msg.sender);
        if (revoked.revokedAt != 0) revert GrantRevoked(grantId);
        if (revoked.expiresAt <= block.timestamp) revert GrantExpired(grantId, revoked.expiresAt);
        revoked.revokedAt = uint64(block.timestamp);
        emit ConsentRevoked(grantId, revoked.patientPseudonym, revoked.grantee, msg.sender);
    }

    /// @notice Asks hospital `custodian` for access to its records of `patientPseudonym` within `scope`.
    /// @return requestId the id of the new, pending request
    function requestAccess(
        bytes32 patientPseudonym,
        address custodian,
        uint8 scope,
        bytes32 recordId,
        bytes32 category,
        string calldata purpose
    ) external onlyHospital returns (uint256 requestId) {
        checkScope(patientPseudonym, custodian, scope, recordId, category);
        requireText(purpose, "purpose", MAX_PURPOSE);
        requestId = ++requestCount;
        requests[requestId] = AccessRequest(patientPseudonym, msg.sender, custodian, scope,
            scoped(scope, SCOPE_RECORD, recordId), scoped(scope, SCOPE_CATEGORY, category), purpose,
            uint64(block.timestamp), REQUEST_PENDING, 0);
        patientRequests[patientPseudonym].push(requestId);
        AccessRequest storage request = requests[requestId];
        emit AccessRequested(requestId, patientPseudonym, custodian, msg.sender, scope, request.recordId,
            request.category, purpose);
    }

    /// @notice Approves pending request `requestId` with a grant that expires at `expiresAt`.
    /// @return grantId the id of the grant issued to the requester
    function approveRequest(uint256 requestId, uint64 expiresAt) external onlyHospital returns (uint256 grantId) {
        AccessRequest storage request = pendingRequestOfCaller(requestId);
        requireRole(request.requester, ROLE_HOSPITAL);
        request.status = REQUEST_APPROVED;
        grantId = issueGrant(
            Grant(request.patientPseudonym, msg.sender, request.requester, request.scope, request.recordId,
                request.category, request.purpose, uint64(block.timestamp), expiresAt, 0, requestId)
        );
        request.grantId = grantId;
        emit AccessRequestApproved(requestId, grantId, request.requester);
    }

    /// @notice Denies pending request `requestId`.
    function denyRequest(uint256 requestId) external onlyHospital {
        AccessRequest storage request = pendingRequestOfCaller(requestId);
        request.status = REQUEST_DENIED;
        emit AccessRequestDenied(requestId, request.requester, msg.sender);
    }

    /// @notice Declares break-glass access by the calling hospital to all records of `patientPseudonym` for
    /// EMERGENCY_ACCESS_WINDOW; the declaration is flagged for review until another custodian marks it reviewed.
    /// Refused with EmergencyAccessActive while the caller's previous declaration for the patient is active.
    /// @param reason one of the REASON_ codes; any other value reverts with InvalidReason
    /// @return emergencyId the id of the declaration
    function emergencyAccess(bytes32 patientPseudonym, uint8 reason)
        external
        onlyHospital
        returns (uint256 emergencyId)
    {
        requireNonZero(patientPseudonym, "patientPseudonym");
        if (reason == 0 || reason > REASON_PUBLIC_HEALTH_EMERGENCY) revert InvalidReason(reason);
        if (records.recordCountOfPatient(patientPseudonym) == 0) revert UnknownPatient(patientPseudonym);
        uint256 previous = latestEmergency[patientPseudonym][msg.sender];
        if (previous != 0 && emergencies[previous].expiresAt > block.timestamp) {
            revert EmergencyAccessActive(previous, emergencies[previous].expiresAt);
        }
        uint64 expiresAt = uint64(block.timestamp) + EMERGENCY_ACCESS_WINDOW;
        emergencyId = ++emergencyCount;
        emergencies[emergencyId] =
            EmergencyAccess(patientPseudonym, msg.sender, reason, uint64(block.timestamp), expiresAt, address(0), 0);
        patientEmergencies[patientPseudonym].push(emergencyId);
        latestEmergency[patientPseudonym][msg.sender] = emergencyId;
        emit EmergencyAccessDeclared(emergencyId, patientPseudonym, msg.sender, reason, expiresAt);
    }

    /// @notice Clears the review flag of emergency access `emergencyId`; only a custodian of the patient other
    /// than the declarer may.
    function markReviewed(uint256 emergencyId) external onlyHospital {
        EmergencyAccess storage emergency = emergencies[emergencyId];
        if (emergency.requester == address(0)) revert UnknownEmergency(emergencyId);
        if (emergency.requester == msg.sender) revert DeclarerCannotReview(emergencyId, msg.sender);
        if (!records.isCustodianOfPatient(emergency.patientPseudonym, msg.sender)) {
            revert NotCustodian(emergency.patientPseudonym, msg.sender);
        }
        if (emergency.reviewedAt != 0) revert AlreadyReviewed(emergencyId);
        emergency.reviewedBy = msg.sender;
        emergency.reviewedAt = uint64(block.timestamp);
        emit EmergencyAccessReviewed(emergencyId, emergency.patientPseudonym, msg.sender);
    }

    /// @notice Logs that the calling proxy served record `recordId` to `accessor`. Reverts with the reason of the
    /// refusal (see checkAccess) unless the access is allowed now.
    /// @return logId the sequence number of the log entry
    function logAccess(bytes32 recordId, address accessor) external onlyProxy returns (uint256 logId) {
        return logOne(recordId, accessor);
    }

    /// @notice Logs several accesses in one transaction, each checked and announced exactly as `logAccess` does, in
    /// order; when any of them is refused the whole batch reverts with that refusal and nothing is logged.
    /// @return firstLogId the log id of the first access; the others follow it one by one
    function logAccessBatch(AccessToLog[] calldata batch) external onlyProxy returns (uint256 firstLogId) {
        if (batch.length == 0) revert MissingField("batch");
        if (batch.length > MAX_LOG_BATCH) revert BatchTooLarge(batch.length, MAX_LOG_BATCH);
        firstLogId = accessLogCount + 1;
        for (uint256 i = 0; i < batch.length; i++) {
            logOne(batch[i].recordId, batch[i].accessor);
        }
    }

    function logOne(bytes32 recordId, address accessor) private returns (uint256 logId) {
        (bytes32 patientPseudonym, Assessment memory assessment) = assess(recordId, accessor);
        refuseUnlessAllowed(recordId, accessor, assessment);
        logId = ++accessLogCount;
        emit AccessLogged(logId, recordId, accessor, msg.sender, patientPseudonym, assessment.basis,
            assessment.basisId);
    }

    /// @notice Whether `member` may read record `recordId` now: as its custodian, through a grant that is neither
    /// revoked nor expired, or through emergency access that has not expired. False for non-members; reverts with
    /// UnknownRecord for an unknown record.
    function hasAccess(bytes32 recordId, address member) external view returns (bool) {
        if (consortium.roleOf(member) == 0) {
            return false;
        }
        (, Assessment memory assessment) = assess(recordId, member);
        return assessment.basis != 0;
    }

    /// @notice What gives `member` access to record `recordId` now (BASIS_CUSTODIAN, BASIS_GRANT with the grant
    /// id, or BASIS_EMERGENCY with the emergency id). Without access it reverts with the closest reason:
    /// NotMember, GrantRevoked, GrantExpired, EmergencyAccessExpired or NoAccess.
    function checkAccess(bytes32 recordId, address member) external view returns (uint8 basis, uint256 basisId) {
        (, Assessment memory assessment) = assess(recordId, member);
        refuseUnlessAllowed(recordId, member, assessment);
        return (assessment.basis, assessment.basisId);
    }

    /// @notice Grant `grantId`; reverts with UnknownGrant for an unknown id.
    function getGrant(uint256 grantId) external view returns (Grant memory) {
        if (grants[grantId].custodian == address(0)) revert UnknownGrant(grantId);
        return grants[grantId];
    }

    /// @notice Access request `requestId`; reverts with UnknownRequest for an unknown id.
    function getRequest(uint256 requestId) external view returns (AccessRequest memory) {
        if (requests[requestId].requester == address(0)) revert UnknownRequest(requestId);
        return requests[requestId];
    }

    /// @notice Emergency access `emergencyId`; reverts with UnknownEmergency for an unknown id.
    function getEmergency(uint256 emergencyId) external view returns (EmergencyAccess memory) {
        if (emergencies[emergencyId].requester == address(0)) revert UnknownEmergency(emergencyId);
        return emergencies[emergencyId];
    }

    /// @notice Ids of all grants ever issued on records of `patientPseudonym`, oldest first.
    function grantsOfPatient(bytes32 patientPseudonym) external view returns (uint256[] memory) {
        return patientGrants[patientPseudonym];
    }

    /// @notice Ids of all access requests about `patientPseudonym`, oldest first.
    function requestsOfPatient(bytes32 patientPseudonym) external view returns (uint256[] memory) {
        return patientRequests[patientPseudonym];
    }

    /// @notice Ids of all emergency access declarations for `patientPseudonym`, oldest first.
    function emergenciesOfPatient(bytes32 patientPseudonym) external view returns (uint256[] memory) {
        return patientEmergencies[patientPseudonym];
    }

    function issueGrant(Grant memory issued) private returns (uint256 grantId) {
        if (issued.expiresAt <= block.timestamp) revert InvalidExpiry(issued.expiresAt);
        grantId = ++grantCount;
        grants[grantId] = issued;
        patientGrants[issued.patientPseudonym].push(grantId);
        granteeGrants[issued.patientPseudonym][issued.grantee].push(grantId);
        emit ConsentGranted(grantId, issued.patientPseudonym, issued.grantee, issued.custodian, issued.scope,
            issued.recordId, issued.category, issued.purpose, issued.expiresAt, issued.requestId);
    }

    function pendingRequestOfCaller(uint256 requestId) private view returns (AccessRequest storage request) {
        request = requests[requestId];
        if (request.requester == address(0)) revert UnknownRequest(requestId);
        if (request.custodian != msg.sender) revert NotRequestCustodian(requestId, msg.sender);
        if (request.status != REQUEST_PENDING) revert RequestNotPending(requestId, request.status);
    }

    /// @dev Checks that `custodian` holds what `scope` covers: the record itself, or records of the patient.
    function checkScope(bytes32 patientPseudonym, address custodian, uint8 scope, bytes32 recordId, bytes32 category)
        private
        view
    {
        requireNonZero(patientPseudonym, "patientPseudonym");
        if (scope == SCOPE_RECORD) {
            requireNonZero(recordId, "recordId");
            RecordRegistry.Record memory record = records.getRecord(recordId);
            if (record.patientPseudonym != patientPseudonym) revert PatientMismatch(recordId, patientPseudonym);
            if (record.custodian != custodian) revert NotCustodian(recordId, custodian);
        } else if (scope == SCOPE_CATEGORY || scope == SCOPE_ALL) {
            if (scope == SCOPE_CATEGORY) {
                requireNonZero(category, "category");
                requireCategory(category);
            }
            if (!records.isCustodianOfPatient(patientPseudonym, custodian)) {
                revert NotCustodian(patientPseudonym, custodian);
            }
        } else {
            revert InvalidScope(scope);
        }
    }

    function assess(bytes32 recordId, address member)
        private
        view
        returns (bytes32 patientPseudonym, Assessment memory assessment)
    {
        RecordRegistry.Record memory record = records.getRecord(recordId);
        patientPseudonym = record.patientPseudonym;
        if (member == record.custodian) {
            assessment.basis = BASIS_CUSTODIAN;
            return (patientPseudonym, assessment);
        }
        uint256[] storage candidates = granteeGrants[patientPseudonym][member];
        for (uint256 i = candidates.length; i > 0; i--) {
            uint256 grantId = candidates[i - 1];
            Grant storage candidate = grants[grantId];
            if (!covers(candidate, record, recordId)) {
                continue;
            }
            if (candidate.revokedAt != 0) {
                if (assessment.revokedGrant == 0) assessment.revokedGrant = grantId;
            } else if (candidate.expiresAt <= block.timestamp) {
                if (assessment.expiredGrant == 0) assessment.expiredGrant = grantId;
            } else {
                assessment.basis = BASIS_GRANT;
                assessment.basisId = grantId;
                return (patientPseudonym, assessment);
            }
        }
        uint256 emergencyId = latestEmergency[patientPseudonym][member];
        if (emergencyId != 0) {
            if (emergencies[emergencyId].expiresAt > block.timestamp) {
                assessment.basis = BASIS_EMERGENCY;
                assessment.basisId = emergencyId;
            } else {
                assessment.expiredEmergency = emergencyId;
            }
        }
    }

    function covers(Grant storage candidate, RecordRegistry.Record memory record, bytes32 recordId)
        private
        view
        returns (bool)
    {
        if (candidate.custodian != record.custodian) return false;
        if (candidate.scope == SCOPE_RECORD) return candidate.recordId == recordId;
        if (candidate.scope == SCOPE_CATEGORY) return candidate.category == record.category;
        return true;
    }

    function refuseUnlessAllowed(bytes32 recordId, address member, Assessment memory assessment) private view {
        if (consortium.roleOf(member) == 0) revert NotMember(member);
        if (assessment.basis != 0) return;
        if (assessment.revokedGrant != 0) revert GrantRevoked(assessment.revokedGrant);
        if (assessment.expiredGrant != 0) {
            revert GrantExpired(assessment.expiredGrant, grants[assessment.expiredGrant].expiresAt);
        }
        if (assessment.expiredEmergency != 0) {
            revert EmergencyAccessExpired(assessment.expiredEmergency, emergencies[assessment.expiredEmergency].expiresAt);
        }
        revert NoAccess(recordId, member);
    }

    function scoped(uint8 scope, uint8 fieldScope, bytes32 value) private pure returns (bytes32) {
        return scope == fieldScope ? value : bytes32(0);
    }
}
