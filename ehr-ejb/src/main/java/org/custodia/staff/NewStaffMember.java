package org.custodia.staff;

import java.util.EnumSet;
import java.util.Set;

import org.custodia.kernel.StaffRole;
import org.custodia.kernel.TextField;

/**
 * A staff account to create: a username (3 to 64 lowercase letters, digits, dots, hyphens or underscores), a display
 * name, an initial password of at least {@value StaffPasswords#MINIMUM_LENGTH} characters and at least one role (admin
 * only alone).
 * {@code toString} never shows the password.
 */
public record NewStaffMember(String username, String displayName, char[] password, Set<StaffRole> roles) {

    public NewStaffMember {
        username = new Username(username).value();
        displayName = TextField.required(displayName, "display name", 200);
        StaffPasswords.requireAcceptable(password);
        StaffRoles.requireSeparationOfDuties(roles);
        roles = EnumSet.copyOf(roles);
    }

    @Override
    public Set<StaffRole> roles() {
        return EnumSet.copyOf(roles);
    }

    @Override
    public String toString() {
        return "NewStaffMember[" + username + ", " + roles + ", password redacted]";
    }
}
