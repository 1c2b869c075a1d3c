package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.review.ChainEvidence;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The chain event an audited act left, as this node journaled it. */
@Schema(name = "ChainEvidence")
public class ChainEvidenceView {

    @Schema(enumeration = {"matches", "differs", "not-on-chain"},
            description = "matches: on chain, caused by this node where the event says who caused it; differs: on "
                    + "chain but caused by another account; not-on-chain: not (yet) journaled")
    public String status;
    @Schema(example = "RecordAnchored")
    public String event;
    public Long blockNumber;
    public String transactionHash;

    static ChainEvidenceView of(ChainEvidence evidence) {
        ChainEvidenceView view = new ChainEvidenceView();
        view.status = evidence.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
        view.event = evidence.event();
        view.blockNumber = evidence.blockNumber() < 0 ? null : evidence.blockNumber();
        view.transactionHash = evidence.transactionHash();
        return view;
    }
}
