package org.custodia.web.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A password an administrator sets for an account, which its owner must change at the next sign-in. */
@Schema(name = "PasswordReset")
public class PasswordResetRequest {

    @Schema(description = "At least 12 characters", required = true)
    public String password;
}
