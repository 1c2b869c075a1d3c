package org.custodia.web.dto;

import java.util.List;

import org.custodia.kernel.StaffRole;
import org.custodia.staff.StaffDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A staff account (never its password). */
@Schema(name = "StaffMember")
public class StaffView {

    public String username;
    public String displayName;
    public List<String> roles;
    public boolean active;
    @Schema(description = "The password was set by an administrator and its owner has not replaced it yet")
    public boolean passwordChangeRequired;
    @Schema(description = "ISO-8601 instant")
    public String createdAt;

    public static StaffView of(StaffDetails staff) {
        StaffView view = new StaffView();
        view.username = staff.username();
        view.displayName = staff.displayName();
        view.roles = staff.roles().stream().map(StaffRole::roleName).toList();
        view.active = staff.active();
        view.passwordChangeRequired = staff.passwordChangeRequired();
        view.createdAt = staff.createdAt().toString();
        return view;
    }
}
