package org.custodia.staff;

import java.util.Set;

import org.custodia.kernel.StaffRole;

/**
 * A staff member whose password checked out.
 *
 * @param passwordChangeRequired the password was set by an administrator: until its owner replaces it, the account
 *                               may do nothing else
 */
public record Authenticated(Set<StaffRole> roles, boolean passwordChangeRequired) {

    public Authenticated {
        roles = Set.copyOf(roles);
    }
}
