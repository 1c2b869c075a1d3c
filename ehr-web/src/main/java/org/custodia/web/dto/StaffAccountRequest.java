package org.custodia.web.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A staff account to create. */
@Schema(name = "StaffAccount")
public class StaffAccountRequest {

    @Schema(description = "3 to 64 lowercase letters, digits, dots, hyphens or underscores", required = true,
            example = "d.ross")
    public String username;
    @Schema(required = true, example = "Dr. Doug Ross")
    public String displayName;
    @Schema(description = "Initial password, at least 12 characters", required = true)
    public String password;
    @Schema(description = "physician, nurse, clerk, privacy-officer or admin", required = true)
    public List<String> roles;
}
