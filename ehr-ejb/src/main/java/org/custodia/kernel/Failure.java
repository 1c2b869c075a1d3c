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
    UNAVAILABLE
}
