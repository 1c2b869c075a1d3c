package org.custodia.web.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.NodeSettings;
import org.custodia.ledger.api.ChainNodeUrl;
import org.custodia.ledger.api.ChainStatus;
import org.custodia.ledger.api.EventDeliveryStatus;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * The chain node this node trusts answers through the ledger connector, the connector knows the account the node
 * signs with (the same path every ledger call of the application takes), and no inbound event delivery has been
 * failing, or hanging, for longer than {@code custodia.ledger.delivery-lag-alarm}: shorter failures are retried with
 * back-off by the connector and only shown in the details. The node's URL is shown without any credential it carries.
 */
@Readiness
@ApplicationScoped
public class ChainNodeCheck extends DependencyCheck {

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @Inject
    private NodeSettings settings;

    @Inject
    @ConfigProperty(name = "custodia.ledger.delivery-lag-alarm")
    private Duration deliveryAlarm;

    private final AtomicReference<ChainStatus> lastStatus = new AtomicReference<>();

    @Override
    protected String name() {
        return "chain-node";
    }

    @Override
    protected String problem() {
        ChainStatus status;
        try (LedgerConnection connection = ledger.getConnection()) {
            status = connection.chainStatus();
        } catch (LedgerException e) {
            lastStatus.set(null);
            return e.getMessage();
        }
        lastStatus.set(status);
        return deliveryProblem(status.eventDeliveries(), Instant.now(), deliveryAlarm);
    }

    /**
     * The first delivery that has been failing, or has neither completed a poll round nor delivered an event, for
     * longer than {@code alarm}: a round ends every polling interval while delivery keeps up, and one catching up
     * delivers event after event, so one that did neither for that long hangs (on the bean's pool, or a database
     * lock) without failing. {@code null} when there is none.
     */
    static String deliveryProblem(List<EventDeliveryStatus> deliveries, Instant now, Duration alarm) {
        Instant alarmBefore = now.minus(alarm);
        // the reason names when the failure began, not for how long, so it stays the same while the failure lasts
        for (EventDeliveryStatus delivery : deliveries) {
            if (delivery.failure() != null && delivery.failingSince().isBefore(alarmBefore)) {
                return "ledger event delivery to " + delivery.subscription() + " has been failing since "
                        + delivery.failingSince() + " (longer than custodia.ledger.delivery-lag-alarm = " + alarm
                        + "): " + delivery.failure();
            }
            if (delivery.failure() == null && delivery.lastSuccess() != null
                    && delivery.lastSuccess().isBefore(alarmBefore)) {
                return "ledger event delivery to " + delivery.subscription() + " has made no progress since "
                        + delivery.lastSuccess() + " (longer than custodia.ledger.delivery-lag-alarm = " + alarm
                        + "): it hangs; the server's thread dump shows where";
            }
        }
        return null;
    }

    @Override
    protected Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("url", ChainNodeUrl.shown(settings.chainUrl()));
        ChainStatus status = lastStatus.get();
        if (status != null) {
            details.put("chainId", Long.toString(status.chainId()));
            details.put("latestBlock", Long.toString(status.latestBlock()));
            details.put("account", status.account().toString());
            for (EventDeliveryStatus delivery : status.eventDeliveries()) {
                String prefix = "events." + delivery.subscription() + ".";
                details.put(prefix + "blocksBehind", Long.toString(delivery.blocksBehind()));
                if (delivery.failure() != null) {
                    details.put(prefix + "failure", delivery.failure());
                }
            }
        }
        return details;
    }
}
