package org.custodia.proxy;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.access.Audited;
import org.custodia.audit.AuditedAction;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;

/** The proxy's status for its operators (administrators). */
@Stateless
public class ProxyStatusService {

    @EJB
    private SealedReKeys reKeys;

    @Inject
    private ProxyCounters counters;

    @Inject
    private NodeSettings settings;

    /**
     * Re-keys held, and the counters since the last start (they reset at a restart).
     *
     * @throws NotOnThisNodeException on a hospital node
     */
    @Audited(AuditedAction.PROXY_STATUS_READ)
    public ProxyStatus status() {
        NotOnThisNodeException.requireRole(settings, NodeRole.PROXY, "the proxy status");
        return new ProxyStatus(reKeys.count(), counters.reEncryptionsServed(), counters.reEncryptionsBrokenOff(),
                counters.refusalsByReason());
    }
}
