package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The custodian's approval of an access request: until when the grant it issues runs. */
@Schema(name = "Approval")
public class ApprovalRequest {

    @Schema(description = "ISO-8601 instant, one minute to five years from now", required = true)
    public String expiresAt;
}
