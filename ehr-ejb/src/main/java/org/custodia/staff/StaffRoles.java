package org.custodia.staff;

import java.util.Set;

import org.custodia.kernel.StaffRole;

/** The rules every account's set of roles keeps. */
final class StaffRoles {

    private StaffRoles() {
    }

    /**
     * Separation of duties: an administrator account holds no other role, so whoever manages accounts cannot also
     * read patients' data with the same account.
     *
     * @throws IllegalArgumentException if {@code roles} is empty or combines {@code admin} with another role
     */
    static void requireSeparationOfDuties(Set<StaffRole> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("at least one role is required: physician, nurse, clerk, "
                    + "privacy-officer or admin");
        }
        if (roles.contains(StaffRole.ADMIN) && roles.size() > 1) {
            throw new IllegalArgumentException("the admin role cannot be combined with another role: an "
                    + "administrator needs a separate account for clinical or privacy work");
        }
    }
}
