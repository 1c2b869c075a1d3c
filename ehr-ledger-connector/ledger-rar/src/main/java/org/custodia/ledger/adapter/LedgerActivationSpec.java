package org.custodia.ledger.adapter;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import org.custodia.ledger.adapter.chain.EventDecoder;
import org.custodia.ledger.adapter.inbound.EventFilter;
import org.custodia.ledger.api.LedgerEventListener;

/**
 * The activation of a {@link LedgerEventListener} message-driven bean: which contracts and events it receives,
 * the name of its checkpoint (unique per bean), where to start without a checkpoint, and the polling settings.
 */
@Activation(messageListeners = LedgerEventListener.class)
public class LedgerActivationSpec implements ActivationSpec {

    private static final Set<String> EVENT_NAMES = new EventDecoder().eventNames();

    @ConfigProperty(description = "Name of this bean's checkpoint file; unique per message-driven bean (required)")
    private String checkpointName;
    @ConfigProperty(description = "Contracts to receive events from: comma-separated CONSORTIUM, RECORD, CONSENT; default all")
    private String contracts;
    @ConfigProperty(description = "Event names to receive, comma-separated (e.g. RecordAnchored,ConsentGranted); default all")
    private String eventNames;
    @ConfigProperty(description = "First block to read without a checkpoint (custodia.ledger.deployment-block); default 0")
    private Long startBlock;
    @ConfigProperty(description = "Interval between polls for new blocks in ms; default 500")
    private Long pollingIntervalMillis;
    @ConfigProperty(description = "Blocks required on top of an event's block before delivery; default 0")
    private Integer confirmations;
    @ConfigProperty(description = "Most blocks read by one eth_getLogs request; default 1000")
    private Integer maxBlocksPerRequest;

    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        if (checkpointName == null || checkpointName.isBlank()) {
            throw new InvalidPropertyException("activation property checkpointName is required: give each ledger"
                    + " event bean its own checkpoint name");
        }
        try {
            filter();
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("ledger event activation " + checkpointName + ": " + e.getMessage());
        }
    }

    EventFilter filter() {
        Set<EventFilter.Contract> selected = contracts == null || contracts.isBlank()
                ? EnumSet.allOf(EventFilter.Contract.class)
                : split(contracts).stream().map(name -> {
                    try {
                        return EventFilter.Contract.valueOf(name.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown contract '" + name
                                + "' in contracts; use CONSORTIUM, RECORD or CONSENT", e);
                    }
                }).collect(Collectors.toSet());
        Set<String> events = eventNames == null ? Set.of() : split(eventNames);
        for (String event : events) {
            if (!EVENT_NAMES.contains(event)) {
                throw new IllegalArgumentException("unknown event '" + event + "' in eventNames; known: "
                        + EVENT_NAMES.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        long start = ConfiguredValue.asLong(ConfiguredValue.of(startBlock, "deployment-block"), "startBlock", 0);
        return new EventFilter(selected, events, start,
                Duration.ofMillis(pollingIntervalMillis == null ? 500 : pollingIntervalMillis),
                confirmations == null ? 0 : confirmations, maxBlocksPerRequest == null ? 1000 : maxBlocksPerRequest);
    }

    private static Set<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    public String getCheckpointName() {
        return checkpointName;
    }

    public void setCheckpointName(String checkpointName) {
        this.checkpointName = checkpointName;
    }

    public String getContracts() {
        return contracts;
    }

    public void setContracts(String contracts) {
        this.contracts = contracts;
    }

    public String getEventNames() {
        return eventNames;
    }

    public void setEventNames(String eventNames) {
        this.eventNames = eventNames;
    }

    public Long getStartBlock() {
        return startBlock;
    }

    public void setStartBlock(Long startBlock) {
        this.startBlock = startBlock;
    }

    public Long getPollingIntervalMillis() {
        return pollingIntervalMillis;
    }

    public void setPollingIntervalMillis(Long pollingIntervalMillis) {
        this.pollingIntervalMillis = pollingIntervalMillis;
    }

    public Integer getConfirmations() {
        return confirmations;
    }

    public void setConfirmations(Integer confirmations) {
        this.confirmations = confirmations;
    }

    public Integer getMaxBlocksPerRequest() {
        return maxBlocksPerRequest;
    }

    public void setMaxBlocksPerRequest(Integer maxBlocksPerRequest) {
        this.maxBlocksPerRequest = maxBlocksPerRequest;
    }
}
