package org.custodia.sharing;

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
}
