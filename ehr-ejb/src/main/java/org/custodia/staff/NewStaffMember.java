package org.custodia.staff;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.custodia.kernel.StaffRole;

/**
 * A staff account to create: a username (3 to 64 lowercase letters, digits, dots, hyphens or underscores), a display
 * name, an initial password of at least {@value StaffPasswords#MINIMUM_LENGTH} characters and at least one role (admin
 * only alone).
 * {@code toString} never shows the password.
 */
public record NewStaffMember(String username, String displayName, char[] password, Set<StaffRole> roles) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");

    public NewStaffMember {
        username = username == null ? "" : username.strip();
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 3 to 64 lowercase letters, digits, dots, hyphens or "
                    + "underscores");
        }
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 200) {
            throw new IllegalArgumentException("a display name of 1 to 200 characters is required");
        }
        displayName = displayName.strip();
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
