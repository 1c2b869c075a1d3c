package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.consortium.ConsortiumMember;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A consortium member as registered on chain. */
@Schema(name = "ConsortiumMember")
public class ConsortiumMemberView {

    @Schema(description = "Ledger address (0x-prefixed, 40 lowercase hex digits)")
    public String address;
    @Schema(enumeration = {"hospital", "proxy"})
    public String role;
    public String displayName;
    @Schema(description = "Base URL of the member's node")
    public String endpoint;
    @Schema(description = "Whether the member has published a PRE public key on chain")
    public boolean preKeyPublished;
    @Schema(description = "Whether the member is this node")
    public boolean self;

    public static ConsortiumMemberView of(ConsortiumMember member) {
        ConsortiumMemberView view = new ConsortiumMemberView();
        view.address = member.account().toString();
        view.role = member.role().name().toLowerCase(Locale.ROOT);
        view.displayName = member.displayName();
        view.endpoint = member.endpoint().toString();
        view.preKeyPublished = member.preKeyPublished();
        view.self = member.self();
        return view;
    }
}
