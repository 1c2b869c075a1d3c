// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {NotMember, MissingField, FieldTooLong} from "./Errors.sol";
import {requireText} from "./Fields.sol";

/// @dev Member roles, also published as ConsortiumRegistry.HOSPITAL and ConsortiumRegistry.PROXY.
uint8 constant ROLE_HOSPITAL = 1;
uint8 constant ROLE_PROXY = 2;

/// @title Consortium registry
/// @notice The members of a Custodia consortium: hospitals and proxy re-encryption services, each with the ledger
/// account it signs with, its display name, the endpoint it serves and its PRE public key (hospitals; a proxy may
/// leave it empty). The consortium administrator decides who is a member and in which role; a member may keep its
/// own endpoint and PRE public key current.
contract ConsortiumRegistry {
    uint8 public constant HOSPITAL = ROLE_HOSPITAL;
    uint8 public constant PROXY = ROLE_PROXY;

    uint256 public constant MAX_DISPLAY_NAME = 128;
    uint256 public constant MAX_ENDPOINT = 256;
    uint256 public constant MAX_PRE_PUBLIC_KEY = 512;

    struct Member {
        address account;
        uint8 role;
        string displayName;
        string endpoint;
        bytes prePublicKey;
        uint64 registeredAt;
    }

    /// @notice The account allowed to add, update and remove members.
    address public admin;

    mapping(address => Member) private members;
    address[] private accounts;
    /// @dev position in `accounts` plus one; zero for non-members
    mapping(address => uint256) private positions;

    event AdminTransferred(address indexed previousAdmin, address indexed newAdmin);
    event MemberAdded(address indexed account, uint8 role, string displayName, string endpoint, bytes prePublicKey);
    event MemberUpdated(address indexed account, string displayName, string endpoint, bytes prePublicKey);
    event MemberRemoved(address indexed account);

    /// @notice The caller is not the consortium administrator.
    error NotAdmin();
    /// @notice `account` is already a member.
    error AlreadyMember(address account);
    /// @notice `role` is neither HOSPITAL (1) nor PROXY (2).
    error InvalidRole(uint8 role);

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin();
        _;
    }

    modifier onlyMember(address account) {
        if (positions[account] == 0) revert NotMember(account);
        _;
    }

    /// @notice The deploying account becomes the administrator.
    constructor() {
        admin = msg.sender;
        emit AdminTransferred(address(0), msg.sender);
    }

    /// @notice Hands administration over to `newAdmin`.
    function transferAdmin(address newAdmin) external onlyAdmin {
        if (newAdmin == address(0)) revert MissingField("newAdmin");
        emit AdminTransferred(admin, newAdmin);
        admin = newAdmin;
    }

    /// @notice Admits `account` in `role` (HOSPITAL or PROXY).
    /// @param prePublicKey the member's PRE public key; may be empty until the member publishes it
    function addMember(
        address account,
        uint8 role,
        string calldata displayName,
        string calldata endpoint,
        bytes calldata prePublicKey
    ) external onlyAdmin {
        if (account == address(0)) revert MissingField("account");
        if (role != HOSPITAL && role != PROXY) revert InvalidRole(role);
        if (positions[account] != 0) revert AlreadyMember(account);
        requireText(displayName, "displayName", MAX_DISPLAY_NAME);
        checkContact(endpoint, prePublicKey);
        members[account] = Member(account, role, displayName, endpoint, prePublicKey, uint64(block.timestamp));
        accounts.push(account);
        positions[account] = accounts.length;
        emit MemberAdded(account, role, displayName, endpoint, prePublicKey);
    }

    /// @notice Replaces the display name, endpoint and PRE public key of member `account`; its role is kept.
    function updateMember(
        address account,
        string calldata displayName,
        string calldata endpoint,
        bytes calldata prePublicKey
    ) external onlyAdmin onlyMember(account) {
        requireText(displayName, "displayName", MAX_DISPLAY_NAME);
        storeProfile(account, displayName, endpoint, prePublicKey);
    }

    /// @notice Lets the calling member replace its own endpoint and PRE public key (e.g. after a key rotation).
    function updateOwnProfile(string calldata endpoint, bytes calldata prePublicKey)
        external
        onlyMember(msg.sender)
    {
        storeProfile(msg.sender, members[msg.sender].displayName, endpoint, prePublicKey);
    }

    /// @notice Removes member `account`: it loses every right the other registries derive from membership.
    function removeMember(address account) external onlyAdmin onlyMember(account) {
        uint256 index = positions[account] - 1;
        address last = accounts[accounts.length - 1];
        accounts[index] = last;
        positions[last] = index + 1;
        accounts.pop();
        delete positions[account];
        delete members[account];
        emit MemberRemoved(account);
    }

    /// @notice Whether `account` is a member (in any role).
    function isMember(address account) external view returns (bool) {
        return positions[account] != 0;
    }

    /// @notice The role of `account`: HOSPITAL, PROXY, or 0 when it is not a member.
    function roleOf(address account) external view returns (uint8) {
        return members[account].role;
    }

    /// @notice The registration of member `account`; reverts with NotMember for any other account.
    function getMember(address account) external view onlyMember(account) returns (Member memory) {
        return members[account];
    }

    /// @notice The accounts of all current members, in no particular order.
    function memberAccounts() external view returns (address[] memory) {
        return accounts;
    }

    /// @notice The registrations of all current members, in the order of `memberAccounts`: the whole directory in
    /// one call.
    function allMembers() external view returns (Member[] memory all) {
        all = new Member[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            all[i] = members[accounts[i]];
        }
    }

    function checkContact(string calldata endpoint, bytes calldata prePublicKey) private pure {
        requireText(endpoint, "endpoint", MAX_ENDPOINT);
        if (prePublicKey.length > MAX_PRE_PUBLIC_KEY) revert FieldTooLong("prePublicKey", MAX_PRE_PUBLIC_KEY);
    }

    function storeProfile(address account, string memory displayName, string calldata endpoint, bytes calldata key)
        private
    {
        checkContact(endpoint, key);
        Member storage member = members[account];
        member.displayName = displayName;
        member.endpoint = endpoint;
        member.prePublicKey = key;
        emit MemberUpdated(account, displayName, endpoint, key);
    }
}
