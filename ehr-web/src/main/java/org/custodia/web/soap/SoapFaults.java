package org.custodia.web.soap;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.xml.ws.WebServiceException;

import org.custodia.kernel.BusyException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;
import org.custodia.persistence.DatabaseOutage;
import org.custodia.web.rest.Problems;
import org.custodia.web.soap.contract.ConflictFault;
import org.custodia.web.soap.contract.CustodianUnreachableFault;
import org.custodia.web.soap.contract.ForbiddenFault;
import org.custodia.web.soap.contract.GrantExpiredFault;
import org.custodia.web.soap.contract.GrantRevokedFault;
import org.custodia.web.soap.contract.IntegrityFailureFault;
import org.custodia.web.soap.contract.InvalidRequestFault;
import org.custodia.web.soap.contract.NoGrantFault;
import org.custodia.web.soap.contract.NoReKeyFault;
import org.custodia.web.soap.contract.NotFoundFault;
import org.custodia.web.soap.contract.Problem;
import org.custodia.web.soap.contract.ProxyUnreachableFault;
import org.custodia.web.soap.contract.RefusedFault;
import org.custodia.web.soap.contract.SignInThrottledFault;
import org.custodia.web.soap.contract.StorageFullFault;
import org.custodia.web.soap.contract.TooLargeFault;
import org.custodia.web.soap.contract.UnavailableFault;

/**
 * A failed call as the records contract's fault for its kind of failure, carrying the problem type, title, status
 * and message REST's problem details carry. Faults have no stack trace; the database out of reach is the
 * {@code unavailable} fault, and anything else unexpected a server fault; both name only a reference into the server
 * log.
 */
final class SoapFaults {

    private static final Logger LOG = Logger.getLogger(SoapFaults.class.getName());
    private static final StackTraceElement[] NO_TRACE = new StackTraceElement[0];

    private SoapFaults() {
    }

    /** What the caller is told of {@code failure}: a declared fault, or an anonymous server fault. */
    static Exception of(Exception failure) {
        if (failure instanceof ServiceException refused) {
            Long retryAfter = refused instanceof BusyException busy
                    ? Math.max(1, busy.retryAfter().toSeconds()) : null;
            return typed(refused.failure(), refused.getMessage(), retryAfter);
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return typed(Failure.INVALID, invalid.getMessage(), null);
        }
        String reference = UUID.randomUUID().toString();
        if (DatabaseOutage.causedBy(failure)) {
            DatabaseOutage.log(LOG, "A SOAP call failed", reference, failure);
            return typed(Failure.UNAVAILABLE, DatabaseOutage.detail(reference), null);
        }
        LOG.log(Level.SEVERE, "A SOAP call failed (reference " + reference + ")", failure);
        WebServiceException unexpected = new WebServiceException(
                "the request failed; the server log has the details under reference " + reference);
        unexpected.setStackTrace(NO_TRACE);
        return unexpected;
    }

    /** The fault of {@code failure}'s kind, as the sign-in throttling also answers it. */
    static Exception typed(Failure failure, String detail, Long retryAfterSeconds) {
        Problems.Kind kind = Problems.kind(failure);
        Problem problem = new Problem();
        problem.setType("urn:custodia:problem:" + kind.type());
        problem.setTitle(kind.title());
        problem.setStatus(kind.status());
        problem.setDetail(detail);
        problem.setRetryAfterSeconds(retryAfterSeconds);
        Exception fault = switch (failure) {
            case INVALID -> new InvalidRequestFault(detail, problem);
            case FORBIDDEN -> new ForbiddenFault(detail, problem);
            case NOT_FOUND -> new NotFoundFault(detail, problem);
            case CONFLICT -> new ConflictFault(detail, problem);
            case REFUSED -> new RefusedFault(detail, problem);
            case TOO_LARGE -> new TooLargeFault(detail, problem);
            case THROTTLED -> new SignInThrottledFault(detail, problem);
            case STORAGE_FULL -> new StorageFullFault(detail, problem);
            case UNAVAILABLE -> new UnavailableFault(detail, problem);
            case NO_GRANT -> new NoGrantFault(detail, problem);
            case GRANT_REVOKED -> new GrantRevokedFault(detail, problem);
            case GRANT_EXPIRED -> new GrantExpiredFault(detail, problem);
            case NO_RE_KEY -> new NoReKeyFault(detail, problem);
            case CUSTODIAN_UNREACHABLE -> new CustodianUnreachableFault(detail, problem);
            case PROXY_UNREACHABLE -> new ProxyUnreachableFault(detail, problem);
            case INTEGRITY_FAILURE -> new IntegrityFailureFault(detail, problem);
        };
        fault.setStackTrace(NO_TRACE);
        return fault;
    }

    /**
     * Throws {@code fault} from an operation whatever it is: sound because every operation of the contract declares
     * every fault, so a checked fault thrown here is always one its operation declares.
     */
    @SuppressWarnings("unchecked")
    static <E extends Exception> RuntimeException raise(Exception fault) throws E {
        throw (E) fault;
    }
}
