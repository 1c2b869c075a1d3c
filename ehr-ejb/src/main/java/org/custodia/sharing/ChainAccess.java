package org.custodia.sharing;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.GrantExpiredException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.UnknownEntryException;
import org.custodia.records.RecordNotFoundException;

/** The consent registry's answer to "may this member read this record now?", as a basis or a typed refusal. */
final class ChainAccess {

    private ChainAccess() {
    }

    /**
     * What allows {@code member} to read {@code recordId} now.
     *
     * @throws SharingException {@code NO_GRANT}, {@code GRANT_REVOKED} or {@code GRANT_EXPIRED} when nothing does
     * @throws RecordNotFoundException when no such record is anchored on chain (not the chain's unavailability)
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
        } catch (UnknownEntryException e) {
            throw new RecordNotFoundException("no " + record + " is anchored on chain");
        }
    }

    /**
     * The refusal that explains why no proxy holds a re-key for an access the chain allowed, when {@code basis} no
     * longer allows it by {@code now}: the chain's time is its latest block's, and a chain that mines only when sent a
     * transaction may have made none since the grant or emergency access expired, or was revoked, while the custodian
     * withdrew the re-key. Empty while the basis allows. Only this basis, the newest the chain named, is read: should
     * an older grant still cover the record, the refusal is given all the same.
     *
     * @param noReKey the proxies' answer, kept as the refusal's cause
     */
    static Optional<SharingException> endedBy(LedgerConnection chain, AccessBasis basis, Instant now, String record,
            SharingException noReKey) throws LedgerException {
        String what = "the " + basis.kind().name().toLowerCase(Locale.ROOT) + " " + basis.id() + " that allowed "
                + "reading " + record;
        return switch (basis.kind()) {
            case GRANT -> chain.findGrant(basis.id()).flatMap(grant -> grantEnded(grant, now, what, noReKey));
            case EMERGENCY -> chain.findEmergencyAccess(basis.id()).filter(access -> !access.isActiveAt(now))
                    .map(access -> expired(what + " expired at " + access.expiresAt(), noReKey));
            case CUSTODIAN -> Optional.empty();
        };
    }

    private static Optional<SharingException> grantEnded(Grant grant, Instant now, String what,
            SharingException noReKey) {
        if (grant.revokedAt().isPresent()) {
            return Optional.of(new SharingException(Failure.GRANT_REVOKED, what + " was revoked by its custodian",
                    noReKey));
        }
        return grant.isActiveAt(now) ? Optional.empty()
                : Optional.of(expired(what + " expired at " + grant.expiresAt(), noReKey));
    }

    private static SharingException expired(String why, SharingException noReKey) {
        return new SharingException(Failure.GRANT_EXPIRED, why + " (the chain's latest block predates it); no proxy "
                + "holds the re-key any more", noReKey);
    }
}
