package org.custodia.staff;

import java.time.Instant;
import java.util.Set;

import org.custodia.kernel.StaffRole;

/**
 * A staff account as administrators see it (never its password hash).
 *
 * @param passwordChangeRequired whether the password was set by an administrator and not yet replaced by its owner
 */
public record StaffDetails(String username, String displayName, Set<StaffRole> roles, boolean active,
        Instant createdAt, boolean passwordChangeRequired) {

    static StaffDetails of(StaffMember member) {
        return new StaffDetails(member.username(), member.displayName(), member.roles(), member.active(),
                member.createdAt(), member.passwordChangeRequired());
    }
}
