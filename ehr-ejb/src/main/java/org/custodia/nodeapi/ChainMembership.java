package org.custodia.nodeapi;

import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.NodeRole;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.MemberRole;

/**
 * The consortium's current members as the consortium registry on chain holds them, asked through the ledger
 * connector on every call (a removed member is refused at once). Call it outside a transaction, as the connector's
 * connections join none.
 */
@ApplicationScoped
public class ChainMembership implements Membership {

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    protected ChainMembership() {
        // for CDI
    }

    ChainMembership(LedgerConnectionFactory ledger) {
        this.ledger = ledger;
    }

    /** @throws DependencyUnavailableException when the chain node cannot be asked */
    @Override
    public Optional<NodeRole> roleOf(String address) {
        LedgerAddress account = LedgerAddress.fromHex(address);
        try (LedgerConnection chain = ledger.getConnection()) {
            return chain.findMember(account).map(member -> nodeRole(member.role()));
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the chain node cannot say whether " + address + " is a "
                    + "consortium member, so node-to-node calls are refused for now: " + e.getMessage(), e);
        }
    }

    /** The node role of a registry role: the two lists name the same roles. */
    static NodeRole nodeRole(MemberRole role) {
        return switch (role) {
            case HOSPITAL -> NodeRole.HOSPITAL;
            case PROXY -> NodeRole.PROXY;
        };
    }
}
