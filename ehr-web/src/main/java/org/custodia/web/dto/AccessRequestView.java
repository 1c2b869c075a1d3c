package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.sharing.AccessRequestDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An access request as the consent registry holds it. */
@Schema(name = "AccessRequest")
public class AccessRequestView {

    public long id;
    @Schema(enumeration = {"incoming", "outgoing"})
    public String direction;
    @Schema(description = "This hospital's id of the patient, when it keeps one")
    public String patientId;
    public String requester;
    public String custodian;
    public ScopeView scope;
    public String purpose;
    @Schema(description = "ISO-8601 instant")
    public String requestedAt;
    @Schema(enumeration = {"pending", "approved", "denied"})
    public String status;
    @Schema(description = "The grant an approval issued")
    public Long grantId;

    public static AccessRequestView of(AccessRequestDetails request) {
        AccessRequestView view = new AccessRequestView();
        view.id = request.id();
        view.direction = request.direction().name().toLowerCase(Locale.ROOT);
        view.patientId = request.patientId() == null ? null : request.patientId().toString();
        view.requester = request.requester();
        view.custodian = request.custodian();
        view.scope = ScopeView.of(request.scope());
        view.purpose = request.purpose();
        view.requestedAt = request.requestedAt().toString();
        view.status = request.status();
        view.grantId = request.grantId();
        return view;
    }
}
