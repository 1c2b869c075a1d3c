package org.custodia.web.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.ChainStatus;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.eclipse.microprofile.health.Readiness;

/**
 * The chain node this node trusts answers through the ledger connector, and the connector knows the account the
 * node signs with (the same path every ledger call of the application takes).
 */
@Readiness
@ApplicationScoped
public class ChainNodeCheck extends DependencyCheck {

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @Inject
    private NodeSettings settings;

    private final AtomicReference<ChainStatus> lastStatus = new AtomicReference<>();

    @Override
    protected String name() {
        return "chain-node";
    }

    @Override
    protected String problem() {
        try (LedgerConnection connection = ledger.getConnection()) {
            lastStatus.set(connection.chainStatus());
            return null;
        } catch (LedgerException e) {
            lastStatus.set(null);
            return e.getMessage();
        }
    }

    @Override
    protected Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("url", settings.chainUrl());
        ChainStatus status = lastStatus.get();
        if (status != null) {
            details.put("chainId", Long.toString(status.chainId()));
            details.put("latestBlock", Long.toString(status.latestBlock()));
            details.put("account", status.account().toString());
        }
        return details;
    }
}
