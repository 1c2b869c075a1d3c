package org.custodia.staff;

import java.time.Instant;
import java.util.Set;

import org.custodia.kernel.StaffRole;

/** A staff account as administrators see it (never its password hash). */
public record StaffDetails(String username, String displayName, Set<StaffRole> roles, boolean active,
        Instant createdAt) {

    static StaffDetails of(StaffMember member) {
        return new StaffDetails(member.username(), member.displayName(), member.roles(), member.active(),
                member.createdAt());
    }
}
