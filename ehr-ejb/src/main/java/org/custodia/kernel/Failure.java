package org.custodia.kernel;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of failure a {@link ServiceException} is, independent of any protocol: each entry channel (REST, SOAP,
 * pages) decides how to present it.
 */
public enum Failure {
    /** The request's data is malformed or incomplete. */
    INVALID("invalid-request"),
    /** The caller may not do this (its roles, or the consent state, do not allow it). */
    FORBIDDEN("forbidden"),
    /** The named patient, record or staff member does not exist. */
    NOT_FOUND("not-found"),
    /** The request would duplicate something that must be unique (an MRN, a national id, a username). */
    CONFLICT("conflict"),
    /** The request was understood but refused because of the data it touches (e.g. a tampered envelope). */
    REFUSED("refused"),
    /** The request's content is larger than the node accepts. */
    TOO_LARGE("too-large"),
    /** Too many failed sign-ins for the account or from the address: refused without a check; retry later. */
    THROTTLED("sign-in-throttled"),
    /** The encrypted file store has no room left. */
    STORAGE_FULL("storage-full"),
    /** A dependency (chain node, key custody, configuration) is not available; retrying later may succeed. */
    UNAVAILABLE("unavailable"),
    /** Nothing on chain allows the member to read the shared record: no grant covers it, no emergency access. */
    NO_GRANT("no-grant"),
    /** The grant that covered the shared record was revoked by its custodian. */
    GRANT_REVOKED("grant-revoked"),
    /** The grant or emergency access that covered the shared record has expired. */
    GRANT_EXPIRED("grant-expired"),
    /** Access is allowed, but the record's custodian has not delivered a re-encryption key to the proxy yet. */
    NO_RE_KEY("no-re-key"),
    /** The custodian hospital of a shared record cannot be reached; retrying later may succeed. */
    CUSTODIAN_UNREACHABLE("custodian-unreachable"),
    /** No proxy of the consortium can be reached; retrying later may succeed. */
    PROXY_UNREACHABLE("proxy-unreachable"),
    /** A shared record failed its checks: it does not authenticate or does not match its anchored hash. */
    INTEGRITY_FAILURE("integrity-failure");

    private final String problemType;

    Failure(String problemType) {
        this.problemType = problemType;
    }

    /** The failure's name in problem details ({@code urn:custodia:problem:<name>}), the same on every channel. */
    public String problemType() {
        return problemType;
    }

    /** The failure a problem type names, if any: how a node reads another node's problem details. */
    public static Optional<Failure> ofProblemType(String problemType) {
        return Arrays.stream(values()).filter(failure -> failure.problemType.equals(problemType)).findFirst();
    }
}
