package org.custodia.sharing;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;

/**
 * The display names of the consortium's members, read from the chain in one call when first asked for, so that staff
 * see which hospital an entry's address is. Names that cannot be read are none: the pages then show the address.
 */
final class MemberNames {

    private static final Logger LOG = Logger.getLogger(MemberNames.class.getName());

    private final LedgerConnection chain;
    private Map<LedgerAddress, String> names;

    MemberNames(LedgerConnection chain) {
        this.chain = chain;
    }

    /** The member's display name as the consortium registry lists it; null when it is none or cannot be read. */
    String of(LedgerAddress account) {
        if (names == null) {
            names = new HashMap<>();
            try {
                for (Member member : chain.members()) {
                    names.put(member.account(), member.displayName());
                }
            } catch (LedgerException e) {
                LOG.fine(() -> "The members' names could not be read; addresses are shown: " + e.getMessage());
            }
        }
        return names.get(account);
    }
}
