package org.custodia.proxy;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.LedgerEvent;
import org.custodia.ledger.journal.JournaledEventReaction;

/**
 * On a proxy node: once the chain removes a member, the re-keys held with it as custodian (which can no longer
 * withdraw them) or as delegatee (which can no longer ask for a re-encryption) go, in the journal's transaction, and
 * none with it is accepted until the chain adds it again. They are of no use from then on, but key material a
 * compromised proxy would still hold.
 */
@ApplicationScoped
public class RemovedMemberReKeys implements JournaledEventReaction {

    @Inject
    private NodeSettings settings;

    @EJB
    private SealedReKeys reKeys;

    @Override
    public void onNewEvent(LedgerEvent event) {
        if (settings.role() != NodeRole.PROXY) {
            return;
        }
        if (event instanceof LedgerEvent.MemberRemoved removed) {
            reKeys.memberRemoved(removed.account().toString(), removed.position().blockNumber());
        } else if (event instanceof LedgerEvent.MemberAdded added) {
            reKeys.memberAdded(added.account().toString());
        }
    }

    /** Removals in the replaced blocks are forgotten with them: the new chain may not remove those members. */
    @Override
    public void onBlocksReplaced(long fromBlock) {
        if (settings.role() == NodeRole.PROXY) {
            reKeys.removalsReplacedFrom(fromBlock);
        }
    }
}
