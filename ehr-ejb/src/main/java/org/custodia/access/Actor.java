package org.custodia.access;

import java.util.Set;

import org.custodia.kernel.StaffRole;

/** Who is asking: the signed-in staff member's name and the roles the policy found. */
public record Actor(String name, Set<StaffRole> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }
}
