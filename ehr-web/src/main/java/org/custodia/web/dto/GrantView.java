package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.sharing.GrantDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A grant as the consent registry holds it. */
@Schema(name = "Grant")
public class GrantView {

    public long id;
    @Schema(enumeration = {"incoming", "outgoing"})
    public String direction;
    @Schema(description = "This hospital's id of the patient, when it keeps one")
    public String patientId;
    public String custodian;
    public String grantee;
    public ScopeView scope;
    public String purpose;
    @Schema(description = "ISO-8601 instant")
    public String grantedAt;
    @Schema(description = "ISO-8601 instant")
    public String expiresAt;
    @Schema(description = "ISO-8601 instant, when revoked")
    public String revokedAt;
    @Schema(enumeration = {"active", "revoked", "expired"})
    public String status;
    @Schema(description = "The request it approved, if any")
    public Long requestId;

    public static GrantView of(GrantDetails grant) {
        GrantView view = new GrantView();
        view.id = grant.id();
        view.direction = grant.direction().name().toLowerCase(Locale.ROOT);
        view.patientId = grant.patientId() == null ? null : grant.patientId().toString();
        view.custodian = grant.custodian();
        view.grantee = grant.grantee();
        view.scope = ScopeView.of(grant.scope());
        view.purpose = grant.purpose();
        view.grantedAt = grant.grantedAt().toString();
        view.expiresAt = grant.expiresAt().toString();
        view.revokedAt = grant.revokedAt() == null ? null : grant.revokedAt().toString();
        view.status = grant.status();
        view.requestId = grant.requestId();
        return view;
    }
}
