package org.custodia.kernel;

import java.util.Locale;

/**
 * What a staff member may do. The names are the container security roles (and the group names the identity
 * store returns); what each role may do is the access policy's (org.custodia.access).
 */
public enum StaffRole {
    PHYSICIAN(Names.PHYSICIAN),
    NURSE(Names.NURSE),
    CLERK(Names.CLERK),
    PRIVACY_OFFICER(Names.PRIVACY_OFFICER),
    ADMIN(Names.ADMIN);

    /** Role names as compile-time constants, for security annotations. */
    public static final class Names {
        public static final String PHYSICIAN = "physician";
        public static final String NURSE = "nurse";
        public static final String CLERK = "clerk";
        public static final String PRIVACY_OFFICER = "privacy-officer";
        public static final String ADMIN = "admin";

        private Names() {
        }
    }

    private final String roleName;

    StaffRole(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    /** Parses a role name such as {@code privacy-officer}. */
    public static StaffRole parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (StaffRole role : values()) {
            if (role.roleName.equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown staff role '" + name
                + "'; expected physician, nurse, clerk, privacy-officer or admin");
    }
}
