package org.custodia.proxy;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.access.Audited;
import org.custodia.audit.AuditedAction;
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
     * @throws NotAProxyNodeException on a hospital node
     */
    @Audited(AuditedAction.PROXY_STATUS_READ)
    public ProxyStatus status() {
        NotAProxyNodeException.requireProxy(settings, "the proxy status");
        return new ProxyStatus(reKeys.count(), counters.reEncryptionsServed(), counters.reEncryptionsBrokenOff(),
                counters.refusalsByReason());
    }
}
