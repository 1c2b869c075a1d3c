package org.custodia.sharing;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.GrantExpiredException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.NotAuthorizedException;

/** The consent registry's answer to "may this member read this record now?", as a basis or a typed refusal. */
final class ChainAccess {

    private ChainAccess() {
    }

    /**
     * What allows {@code member} to read {@code recordId} now.
     *
     * @throws SharingException {@code NO_GRANT}, {@code GRANT_REVOKED} or {@code GRANT_EXPIRED} when nothing does
     */
    static AccessBasis basis(LedgerConnection chain, Bytes32 recordId, LedgerAddress member) throws LedgerException {
        String record = "record " + recordId.toString().substring(2);
        try {
            return chain.checkAccess(recordId, member);
        } catch (NotAuthorizedException e) {
            throw new SharingException(Failure.NO_GRANT, "no grant or emergency access allows " + member + " to read "
                    + record);
        } catch (GrantRevokedException e) {
            throw new SharingException(Failure.GRANT_REVOKED, "the grant that allowed " + member + " to read "
                    + record + " was revoked by its custodian");
        } catch (GrantExpiredException e) {
            throw new SharingException(Failure.GRANT_EXPIRED, "the grant or emergency access that allowed " + member
                    + " to read " + record + " has expired");
        }
    }

    /**
     * Why {@code basis}, which the chain allowed, no longer allows by {@code now}: the chain's time is its latest
     * block's, and a chain that mines only when sent a transaction may have made none since the grant or emergency
     * access expired, while its custodian, by its own clock, has withdrawn the re-key. Empty while it allows.
     */
    static Optional<SharingException> endedBy(LedgerConnection chain, AccessBasis basis, Instant now, String record)
            throws LedgerException {
        boolean ended = switch (basis.kind()) {
            case GRANT -> chain.findGrant(basis.id()).map(grant -> !grant.isActiveAt(now)).orElse(false);
            case EMERGENCY -> chain.findEmergencyAccess(basis.id()).map(access -> !access.isActiveAt(now))
                    .orElse(false);
            case CUSTODIAN -> false;
        };
        return ended ? Optional.of(new SharingException(Failure.GRANT_EXPIRED, "the " + basis.kind().name()
                .toLowerCase(Locale.ROOT) + " " + basis.id() + " that allowed reading " + record + " has ended, and "
                + "its custodian has withdrawn the re-key")) : Optional.empty();
    }
}
