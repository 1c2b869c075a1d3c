// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ConsortiumRegistry} from "./ConsortiumRegistry.sol";
import {MemberGate} from "./MemberGate.sol";
import {UnknownRecord, NotCustodian, PatientMismatch, MissingField, BatchTooLarge} from "./Errors.sol";
import {requireNonZero, requireBareMediaType} from "./Fields.sol";
import {requireCategory} from "./Categories.sol";

/// @title Record registry
/// @notice Anchors encrypted health records: for each record id, the patient pseudonym, the hospital that holds the
/// record and its key (the custodian), the SHA-256 of the encrypted envelope, a category code and a content type.
/// An anchor is immutable; a correction is a new record that names the one it supersedes. Nothing here identifies a
/// patient: the pseudonym is an HMAC computed off chain, the category comes from a closed list (Categories.sol) and
/// the content type is a bare media type, without parameters such as a file name. It also keeps the heads each
/// member anchors of its own audit trail: the sequence of the newest sealed entry of the trail's hash chain and that
/// entry's SHA-256, a hash over audit entries that reveals nothing of them. A member's anchored sequences only
/// increase, so a database rewritten after an anchor no longer matches it.
contract RecordRegistry is MemberGate {
    uint256 public constant MAX_CONTENT_TYPE = 128;
    /// @notice The most anchors one `anchorBatch` takes (about 5 M gas at most, well inside a block).
    uint256 public constant MAX_BATCH = 32;

    /// @notice One anchor of `anchorBatch`: the parameters of `anchor`.
    struct NewAnchor {
        bytes32 recordId;
        bytes32 patientPseudonym;
        bytes32 envelopeHash;
        bytes32 category;
        string contentType;
        bytes32 supersedes;
    }

    struct Record {
        bytes32 patientPseudonym;
        address custodian;
        bytes32 envelopeHash;
        bytes32 category;
        string contentType;
        bytes32 supersedes;
        uint64 anchoredAt;
    }

    mapping(bytes32 => Record) private records;
    mapping(bytes32 => bytes32[]) private patientRecords;
    mapping(bytes32 => mapping(address => bool)) private patientCustodians;

    /// @notice A head of a member's audit trail, and the block (time and number) that anchored it.
    struct AuditHead {
        uint64 sequence;
        uint64 anchoredAt;
        uint64 blockNumber;
        bytes32 entryHash;
    }

    mapping(address => AuditHead[]) private auditHeads;

    /// @notice The record that supersedes `recordId`, or zero while none does.
    mapping(bytes32 => bytes32) public supersededBy;

    event RecordAnchored(
        bytes32 indexed recordId,
        bytes32 indexed patientPseudonym,
        address indexed custodian,
        bytes32 envelopeHash,
        bytes32 category,
        string contentType,
        bytes32 supersedes
    );

    event AuditHeadAnchored(address indexed member, uint64 sequence, bytes32 entryHash);

    /// @notice A record is already anchored under `recordId`.
    error AlreadyAnchored(bytes32 recordId);
    /// @notice Record `recordId` has already been superseded by record `supersededBy`.
    error AlreadySuperseded(bytes32 recordId, bytes32 supersededBy);
    /// @notice `sequence` is not above `lastAnchored`, the sequence of the caller's newest anchored audit head.
    error AuditSequenceNotIncreasing(uint64 sequence, uint64 lastAnchored);
    /// @notice `member` has anchored no audit head at `index`.
    error UnknownAuditHead(address member, uint256 index);
    /// @notice `sequence` is above `largest`: clients read sequences as signed 64-bit numbers, so a larger one could
    /// stop every member's event delivery at the log that announces it.
    error AuditSequenceTooLarge(uint64 sequence, uint64 largest);

    constructor(ConsortiumRegistry consortiumRegistry) MemberGate(consortiumRegistry) {}

    /// @notice Anchors a record; the calling hospital becomes its custodian.
    /// @param category a category code from Categories.sol (UTF-8, left-aligned, zero-padded), used by
    /// category-scoped consent; any other value reverts with InvalidCategory
    /// @param contentType a bare media type such as `application/pdf` (lowercase `type/subtype`, no parameters);
    /// anything else reverts with NotBareMediaType
    /// @param supersedes the record this one corrects (same patient, same custodian), or zero
    function anchor(
        bytes32 recordId,
        bytes32 patientPseudonym,
        bytes32 envelopeHash,
        bytes32 category,
        string calldata contentType,
        bytes32 supersedes
    ) external onlyHospital {
        anchorOne(recordId, patientPseudonym, envelopeHash, category, contentType, supersedes);
    }

    /// @notice Anchors several records in one transaction, each exactly as `anchor` does, in order; when any of them
    /// is refused the whole batch reverts with that refusal and nothing is anchored.
    function anchorBatch(NewAnchor[] calldata batch) external onlyHospital {
        if (batch.length == 0) revert MissingField("batch");
        if (batch.length > MAX_BATCH) revert BatchTooLarge(batch.length, MAX_BATCH);
        for (uint256 i = 0; i < batch.length; i++) {
            NewAnchor calldata next = batch[i];
            anchorOne(next.recordId, next.patientPseudonym, next.envelopeHash, next.category, next.contentType,
                next.supersedes);
        }
    }

    function anchorOne(
        bytes32 recordId,
        bytes32 patientPseudonym,
        bytes32 envelopeHash,
        bytes32 category,
        string calldata contentType,
        bytes32 supersedes
    ) private {
        requireNonZero(recordId, "recordId");
        requireNonZero(patientPseudonym, "patientPseudonym");
        requireNonZero(envelopeHash, "envelopeHash");
        requireNonZero(category, "category");
        requireCategory(category);
        requireBareMediaType(contentType, "contentType", MAX_CONTENT_TYPE);
        if (records[recordId].custodian != address(0)) revert AlreadyAnchored(recordId);
        if (supersedes != bytes32(0)) {
            checkCorrection(supersedes, patientPseudonym);
            supersededBy[supersedes] = recordId;
        }
        records[recordId] = Record(
            patientPseudonym, msg.sender, envelopeHash, category, contentType, supersedes, uint64(block.timestamp)
        );
        patientRecords[patientPseudonym].push(recordId);
        patientCustodians[patientPseudonym][msg.sender] = true;
        emit RecordAnchored(recordId, patientPseudonym, msg.sender, envelopeHash, category, contentType, supersedes);
    }

    /// @notice The anchor of `recordId`; reverts with UnknownRecord when there is none.
    function getRecord(bytes32 recordId) external view returns (Record memory) {
        Record storage record = records[recordId];
        if (record.custodian == address(0)) revert UnknownRecord(recordId);
        return record;
    }

    /// @notice Whether a record is anchored under `recordId`.
    function isAnchored(bytes32 recordId) external view returns (bool) {
        return records[recordId].custodian != address(0);
    }

    /// @notice The ids of all records anchored for `patientPseudonym`, oldest first. Its cost grows with the
    /// patient's history: a list read a page at a time takes recordCountOfPatient and recordsOfPatientFrom.
    function recordsOfPatient(bytes32 patientPseudonym) external view returns (bytes32[] memory) {
        return patientRecords[patientPseudonym];
    }

    /// @notice How many records are anchored for `patientPseudonym`.
    function recordCountOfPatient(bytes32 patientPseudonym) external view returns (uint256) {
        return patientRecords[patientPseudonym].length;
    }

    /// @notice The ids of the records anchored for `patientPseudonym` from place `start` (0 is the oldest), oldest
    /// first, at most `count` of them: fewer at the end of the list, none from a place past it.
    function recordsOfPatientFrom(bytes32 patientPseudonym, uint256 start, uint256 count)
        external
        view
        returns (bytes32[] memory ids)
    {
        bytes32[] storage all = patientRecords[patientPseudonym];
        if (start >= all.length) return new bytes32[](0);
        uint256 end = all.length - start < count ? all.length : start + count;
        ids = new bytes32[](end - start);
        for (uint256 i = start; i < end; i++) {
            ids[i - start] = all[i];
        }
    }

    /// @notice Whether `account` is custodian of at least one record of `patientPseudonym`.
    function isCustodianOfPatient(bytes32 patientPseudonym, address account) external view returns (bool) {
        return patientCustodians[patientPseudonym][account];
    }

    /// @notice Anchors the head of the calling member's audit trail (hospitals and proxies alike keep one).
    /// @param sequence the place of the trail's newest sealed entry; above the caller's previous anchor, or this
    /// reverts with AuditSequenceNotIncreasing; at most 2^63 - 1 (AuditSequenceTooLarge)
    /// @param entryHash the SHA-256 of that entry, which chains every entry before it
    function anchorAuditHead(uint64 sequence, bytes32 entryHash) external onlyMember {
        if (sequence == 0) revert MissingField("sequence");
        if (sequence > uint64(type(int64).max)) revert AuditSequenceTooLarge(sequence, uint64(type(int64).max));
        requireNonZero(entryHash, "entryHash");
        AuditHead[] storage heads = auditHeads[msg.sender];
        if (heads.length > 0) {
            uint64 lastAnchored = heads[heads.length - 1].sequence;
            if (sequence <= lastAnchored) revert AuditSequenceNotIncreasing(sequence, lastAnchored);
        }
        heads.push(AuditHead(sequence, uint64(block.timestamp), uint64(block.number), entryHash));
        emit AuditHeadAnchored(msg.sender, sequence, entryHash);
    }

    /// @notice How many audit heads `member` has anchored.
    function auditHeadCount(address member) external view returns (uint256) {
        return auditHeads[member].length;
    }

    /// @notice The audit head `member` anchored at `index`, 0 the oldest; reverts with UnknownAuditHead past the
    /// newest.
    function getAuditHead(address member, uint256 index) external view returns (AuditHead memory) {
        AuditHead[] storage heads = auditHeads[member];
        if (index >= heads.length) revert UnknownAuditHead(member, index);
        return heads[index];
    }

    function checkCorrection(bytes32 supersedes, bytes32 patientPseudonym) private view {
        Record storage previous = records[supersedes];
        if (previous.custodian == address(0)) revert UnknownRecord(supersedes);
        if (previous.custodian != msg.sender) revert NotCustodian(supersedes, msg.sender);
        if (previous.patientPseudonym != patientPseudonym) revert PatientMismatch(supersedes, patientPseudonym);
        bytes32 successor = supersededBy[supersedes];
        if (successor != bytes32(0)) revert AlreadySuperseded(supersedes, successor);
    }
}
