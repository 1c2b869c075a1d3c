package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A staff member's change of their own password. */
@Schema(name = "PasswordChange")
public class PasswordChangeRequest {

    @Schema(required = true)
    public String currentPassword;
    @Schema(description = "At least 12 characters, different from the current one", required = true)
    public String newPassword;
}
