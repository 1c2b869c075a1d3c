package org.custodia.web.dto;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.custodia.proxy.ProxyStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A proxy node's re-keys and re-encryption counters. */
@Schema(name = "ProxyStatus")
public class ProxyStatusView {

    @Schema(description = "Re-encryption keys the proxy holds (sealed in its database)")
    public long reKeysHeld;
    @Schema(description = "Re-encrypted envelopes streamed in full since the last start")
    public long reEncryptionsServed;
    @Schema(description = "Re-encryptions logged on chain whose stream broke off, since the last start")
    public long reEncryptionsBrokenOff;
    @Schema(description = "Refused re-encryptions since the last start, by reason (the problem type each was "
            + "answered with, e.g. no-grant, no-re-key, custodian-unreachable); reasons not seen are absent")
    public Map<String, Long> refusalsByReason;

    public static ProxyStatusView of(ProxyStatus status) {
        ProxyStatusView view = new ProxyStatusView();
        view.reKeysHeld = status.reKeysHeld();
        view.reEncryptionsServed = status.reEncryptionsServed();
        view.reEncryptionsBrokenOff = status.reEncryptionsBrokenOff();
        view.refusalsByReason = new TreeMap<>();
        status.refusalsByReason().forEach((reason, count) ->
                view.refusalsByReason.put(reason.name().toLowerCase(Locale.ROOT).replace('_', '-'), count));
        return view;
    }
}
