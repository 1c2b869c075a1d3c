package org.custodia.web.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The roles an account is to hold from now on. */
@Schema(name = "StaffRoles")
public class StaffRolesRequest {

    @Schema(description = "physician, nurse, clerk, privacy-officer or admin (admin only alone)", required = true)
    public List<String> roles;
}
