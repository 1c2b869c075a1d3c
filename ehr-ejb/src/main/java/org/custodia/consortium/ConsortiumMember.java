package org.custodia.consortium;

import java.io.Serializable;
import java.net.URI;

import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;

/**
 * A consortium member as the chain registers it; serializable, as a page that offers members keeps them in its view.
 *
 * @param preKeyPublished whether the member has published a PRE public key (a hospital needs one to receive records)
 * @param self            whether the member is this node (its ledger account)
 */
public record ConsortiumMember(LedgerAddress account, MemberRole role, String displayName, URI endpoint,
        boolean preKeyPublished, boolean self) implements Serializable {

    static ConsortiumMember of(Member member, LedgerAddress ownAccount) {
        return new ConsortiumMember(member.account(), member.role(), member.displayName(), member.endpoint(),
                member.prePublicKey().length > 0, member.account().equals(ownAccount));
    }
}
