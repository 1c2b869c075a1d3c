package org.custodia.kernel;

/**
 * What kind of failure a {@link ServiceException} is, independent of any protocol: each entry channel (REST, SOAP,
 * pages) decides how to present it.
 */
public enum Failure {
    /** The request's data is malformed or incomplete. */
    INVALID,
    /** The caller may not do this (its roles, or the consent state, do not allow it). */
    FORBIDDEN,
    /** The named patient, record or staff member does not exist. */
    NOT_FOUND,
    /** The request would duplicate something that must be unique (an MRN, a national id, a username). */
    CONFLICT,
    /** The request was understood but refused because of the data it touches (e.g. a tampered envelope). */
    REFUSED,
    /** The request's content is larger than the node accepts. */
    TOO_LARGE,
    /** The encrypted file store has no room left. */
    STORAGE_FULL,
    /** A dependency (chain node, key custody, configuration) is not available; retrying later may succeed. */
    UNAVAILABLE,
    /** Nothing on chain allows the member to read the shared record: no grant covers it, no emergency access. */
    NO_GRANT,
    /** The grant that covered the shared record was revoked by its custodian. */
    GRANT_REVOKED,
    /** The grant or emergency access that covered the shared record has expired. */
    GRANT_EXPIRED,
    /** Access is allowed, but the record's custodian has not delivered a re-encryption key to the proxy yet. */
    NO_RE_KEY,
    /** The custodian hospital of a shared record cannot be reached; retrying later may succeed. */
    CUSTODIAN_UNREACHABLE,
    /** No proxy of the consortium can be reached; retrying later may succeed. */
    PROXY_UNREACHABLE,
    /** A shared record failed its checks: it does not authenticate or does not match its anchored hash. */
    INTEGRITY_FAILURE
}
