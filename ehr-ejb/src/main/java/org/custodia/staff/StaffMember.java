package org.custodia.staff;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.custodia.kernel.StaffRole;

/**
 * A member of the hospital's staff who signs in to the node. The container authenticates against these rows
 * (PBKDF2 password hash) and takes the roles as the caller's groups.
 */
@Entity
@Table(name = "staff_member")
public class StaffMember {

    @Id
    @Column(length = 64)
    private String username;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    @Column(name = "credentials_changed_at")
    private Instant credentialsChangedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "staff_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role", length = 32)
    @Convert(converter = StaffRoleConverter.class)
    private Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);

    protected StaffMember() {
        // for JPA
    }

    StaffMember(String username, String displayName, String passwordHash, Set<StaffRole> roles, Instant createdAt,
            boolean passwordChangeRequired) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.active = true;
        this.passwordChangeRequired = passwordChangeRequired;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    /** The PBKDF2 hash the container checks passwords against; never shown. */
    String passwordHash() {
        return passwordHash;
    }

    public boolean active() {
        return active;
    }

    public Set<StaffRole> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(roles);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Whether the password was set by an administrator and its owner must replace it before doing anything else. */
    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    /** When the password was last set or the account disabled; null for never. */
    public Instant credentialsChangedAt() {
        return credentialsChangedAt;
    }

    /** Enables or disables the account; disabling it ends its sessions, even if it is enabled again at once. */
    void activate(boolean active, Instant now) {
        this.active = active;
        if (!active) {
            this.credentialsChangedAt = now.truncatedTo(ChronoUnit.MICROS);
        }
    }

    void assignRoles(Set<StaffRole> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    /**
     * Replaces the password hash; {@code changeRequired} when an administrator set it, so that only its owner's own
     * choice ever lets the account work.
     */
    void replacePassword(String passwordHash, boolean changeRequired, Instant now) {
        this.passwordHash = passwordHash;
        this.passwordChangeRequired = changeRequired;
        this.credentialsChangedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        return "StaffMember[" + username + ", " + roles + "]";
    }
}
