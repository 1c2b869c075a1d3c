package org.custodia.staff;

import java.time.Instant;
import java.util.Set;

import org.custodia.kernel.StaffRole;

/**
 * An active account as it stands now, for a signed-in session to follow: its roles, and when its password was last
 * set or the account disabled ({@code null} for never), which ends every session that began with other credentials.
 */
public record AccountState(Set<StaffRole> roles, Instant credentialsChangedAt) {

    public AccountState {
        roles = Set.copyOf(roles);
    }
}
