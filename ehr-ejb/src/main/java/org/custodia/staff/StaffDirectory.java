package org.custodia.staff;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.ConfiguredSecret;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.StaffRole;
import org.eclipse.microprofile.config.Config;

/**
 * The hospital's staff accounts: what the container authenticates against (see {@link #authenticate}), created by
 * administrators. On a node without any account, {@link #bootstrapAdministrator()} creates {@code admin} with the
 * password in {@code custodia.admin.initial-password}.
 */
@Stateless
public class StaffDirectory {

    static final String ADMIN_PASSWORD_PROPERTY = "custodia.admin.initial-password";
    static final String ADMIN_USERNAME = "admin";

    private static final Logger LOG = Logger.getLogger(StaffDirectory.class.getName());
    private static final String SYSTEM = "system";

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private Instance<Pbkdf2PasswordHash> passwordHashes;

    @Inject
    private Config config;

    @EJB
    private AuditTrail audit;

    @Inject
    private VerifiedCredentials verifiedCredentials;

    private final Clock clock = Clock.systemUTC();

    /** Per bean instance (a stateless bean instance serves one call at a time); null if hashing is unavailable. */
    private StaffPasswords passwords;

    @PostConstruct
    void configureHashing() {
        // resolved here rather than at deployment, so that a platform without Jakarta Security's PBKDF2 bean still
        // deploys and says what is missing when a password is checked
        if (passwordHashes.isResolvable()) {
            passwords = new StaffPasswords(passwordHashes.get());
        }
    }

    /**
     * @throws DuplicateStaffMemberException if the username is taken (nothing is changed)
     */
    @Audited(AuditedAction.STAFF_CREATE)
    public StaffDetails create(NewStaffMember member) {
        AuditedCall.current().subject(member.username());
        if (em.find(StaffMember.class, member.username()) != null) {
            throw new DuplicateStaffMemberException("a staff member with username " + member.username()
                    + " already exists");
        }
        StaffMember created = persist(member);
        AuditedCall.current().detail("roles " + member.roles());
        return StaffDetails.of(created);
    }

    /**
     * The roles of the active staff member {@code username} if {@code password} is theirs; empty otherwise (unknown
     * user, wrong password, deactivated account: the caller cannot tell which). Failures are audited.
     */
    public Optional<Set<StaffRole>> authenticate(String username, char[] password) {
        StaffMember member = username == null ? null : em.find(StaffMember.class, username);
        boolean valid = member != null && verifiedCredentials.recognises(username, password, member.passwordHash());
        if (!valid) {
            valid = passwords().verify(password, member == null ? null : member.passwordHash());
            if (valid) {
                verifiedCredentials.remember(username, password, member.passwordHash());
            }
        }
        if (!valid || !member.active()) {
            audit.record(username == null ? "" : username, AuditedAction.STAFF_SIGN_IN, username, AuditOutcome.REFUSED,
                    member == null ? "unknown username" : valid ? "account deactivated" : "wrong password");
            return Optional.empty();
        }
        return Optional.of(member.roles());
    }

    /**
     * Creates the first administrator if the node has no staff member yet: {@code admin} with the password from
     * {@code custodia.admin.initial-password}. Without that setting it creates none and logs one line saying so.
     */
    public void bootstrapAdministrator() {
        long staff = em.createQuery("select count(s) from StaffMember s", Long.class).getSingleResult();
        if (staff > 0) {
            return;
        }
        ConfiguredSecret password = ConfiguredSecret.read(config, ADMIN_PASSWORD_PROPERTY);
        if (!password.isPresent()) {
            LOG.warning("No staff member exists and no administrator was created: " + password.missing()
                    + ", then restart");
            return;
        }
        char[] initial = password.require().toCharArray();
        try {
            persist(new NewStaffMember(ADMIN_USERNAME, "Administrator", initial, EnumSet.of(StaffRole.ADMIN)));
        } catch (IllegalArgumentException e) {
            LOG.warning("No administrator was created: " + ADMIN_PASSWORD_PROPERTY + " is not acceptable ("
                    + e.getMessage() + ")");
            return;
        } finally {
            Arrays.fill(initial, '\0');
        }
        audit.record(SYSTEM, AuditedAction.STAFF_CREATE, ADMIN_USERNAME, AuditOutcome.SUCCEEDED, "initial administrator");
        LOG.info("Created the initial administrator account 'admin' from " + ADMIN_PASSWORD_PROPERTY);
    }

    private StaffMember persist(NewStaffMember member) {
        StaffMember created = new StaffMember(member.username(), member.displayName(),
                passwords().hash(member.password()), member.roles(), clock.instant());
        try {
            em.persist(created);
            em.flush();
        } catch (PersistenceException e) {
            throw new DuplicateStaffMemberException("a staff member with username " + member.username()
                    + " was created at the same time");
        }
        return created;
    }

    private StaffPasswords passwords() {
        if (passwords == null) {
            throw new DependencyUnavailableException("password hashing is not available: the server provides no "
                    + "Jakarta Security Pbkdf2PasswordHash bean");
        }
        return passwords;
    }
}
