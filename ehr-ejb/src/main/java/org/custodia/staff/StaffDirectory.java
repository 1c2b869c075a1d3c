package org.custodia.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.custodia.access.AuditSubject;
import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.ConfiguredSecret;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Given;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.StaffRole;
import org.custodia.persistence.UniqueViolation;
import org.eclipse.microprofile.config.Config;

/**
 * The node's staff accounts: what the container authenticates against (see {@link #authenticate}), managed by
 * administrators (create, roles, disable, password reset) and by their owners (own password). On a node without any
 * account, {@link #bootstrapAdministrator()} creates {@code admin} with the password in
 * {@code custodia.admin.initial-password}.
 */
@Stateless
public class StaffDirectory {

    static final String ADMIN_PASSWORD_PROPERTY = "custodia.admin.initial-password";
    static final String ADMIN_USERNAME = "admin";

    private static final Logger LOG = Logger.getLogger(StaffDirectory.class.getName());
    private static final String SYSTEM = "system";
    /** The actor of a refused sign-in whose username names no account. */
    private static final String UNKNOWN_ACCOUNT = "(unknown)";

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

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private SignInThrottle throttle;

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
     * Creates an account, read from what the caller sent once its roles allow it.
     *
     * @throws InvalidInputException         if the account is not acceptable ({@link NewStaffMember})
     * @throws DuplicateStaffMemberException if the username is taken (nothing is changed)
     */
    @Audited(AuditedAction.STAFF_CREATE)
    public StaffDetails create(Given<NewStaffMember> account) {
        NewStaffMember member = account.value();
        AuditedCall.current().subject(member.username());
        lockAsActiveAdministrator(em, AuditedCall.current().actor().name(), member.username());
        if (em.find(StaffMember.class, member.username()) != null) {
            throw new DuplicateStaffMemberException("a staff member with username " + member.username()
                    + " already exists");
        }
        StaffMember created = persist(member, true);
        AuditedCall.current().detail("roles " + member.roles());
        return StaffDetails.of(created);
    }

    /**
     * The active staff member {@code username} if {@code password} is theirs; empty otherwise (unknown user, wrong
     * password, disabled account: the caller cannot tell which). Failures are audited, under the username only when
     * it names an account (what was typed may be a password). Repeated failures lock the account or the source
     * address for a while ({@link SignInThrottle}); a password verified within the last minutes still opens. A
     * success is remembered: {@link VerifiedCredentials#recall} answers the same credentials without this call until
     * an account changes.
     *
     * @param source the address the attempt comes from
     * @throws SignInThrottledException while the account or the source is locked (nothing is checked or audited)
     */
    public Optional<Authenticated> authenticate(String username, char[] password, String source) {
        long readAt = verifiedCredentials.accountsVersion();
        // no other text names an account, and PostgreSQL refuses a NUL in the look-up (500 before the throttle)
        StaffMember member = Username.isShaped(username) ? em.find(StaffMember.class, username) : null;
        boolean valid = member != null && verifiedCredentials.recognises(username, password, member.passwordHash());
        if (valid || member == null) {
            return authenticate(member, username, password, source, valid, readAt);
        }
        try (VerifiedCredentials.Check check = verifiedCredentials.oneCheckAtATime(username, password)) {
            // a check of the same credentials may have ended since the look above, whether waited for or not
            valid = verifiedCredentials.recognises(username, password, member.passwordHash());
            return authenticate(member, username, password, source, valid, readAt);
        }
    }

    /** {@link #authenticate(String, char[], String)} once it is known whether the credentials were verified already. */
    private Optional<Authenticated> authenticate(StaffMember member, String username, char[] password, String source,
            boolean recognised, long readAt) {
        boolean valid = recognised;
        boolean checked = !valid;
        // no username is longer than 64 characters: longer ones share one entry, which keeps the throttle small
        String attempted = username == null || username.length() > 64 ? "(not a username)" : username;
        if (checked) {
            Optional<Duration> wait = throttle.admit(attempted, source);
            if (wait.isPresent()) {
                throw new SignInThrottledException(wait.get());
            }
            valid = passwords().verify(password, member == null ? null : member.passwordHash());
        }
        if (!valid || !member.active()) {
            String account = member == null ? UNKNOWN_ACCOUNT : username;
            String reason = member == null ? "unknown username" : valid ? "account disabled" : "wrong password";
            Optional<SignInThrottle.Lock> lock = throttle.failed(attempted, source);
            audit.record(account, AuditedAction.STAFF_SIGN_IN, account, AuditOutcome.REFUSED, reason + " from "
                    + source + lock.map(StaffDirectory::describe).orElse(""));
            return Optional.empty();
        }
        if (checked) {
            throttle.succeeded(attempted, source);
        }
        Authenticated account = new Authenticated(member.roles(), member.passwordChangeRequired());
        verifiedCredentials.remember(username, password, member.passwordHash(), account, readAt);
        return Optional.of(account);
    }

    private static String describe(SignInThrottle.Lock lock) {
        return "; the " + lock.of() + " is locked for " + Math.max(1, lock.duration().toSeconds()) + " s after "
                + lock.failures() + " failed sign-ins" + (lock.refusedWhileLocked() == 0 ? ""
                : ", " + lock.refusedWhileLocked() + " attempts refused unchecked while locked");
    }

    /** Audits a sign-in through the sign-in page (API calls authenticate on every request and are not each audited). */
    public void signedIn(String username, String channel) {
        audit.record(username, AuditedAction.STAFF_SIGN_IN, username, AuditOutcome.SUCCEEDED, channel);
    }

    /** Audits a sign-in refused after its password checked out, for {@code why}. */
    public void signInRefused(String username, String why) {
        audit.record(username, AuditedAction.STAFF_SIGN_IN, username, AuditOutcome.REFUSED, why);
    }

    /**
     * The account {@code username} as it stands now, for a session to follow changes made since it began; empty when
     * the account no longer exists or is disabled (the session must end).
     */
    public Optional<AccountState> currentState(String username) {
        // the sign-in page asks before the password is checked, with what was typed
        StaffMember member = Username.isShaped(username) ? em.find(StaffMember.class, username) : null;
        return member == null || !member.active() ? Optional.empty()
                : Optional.of(new AccountState(member.roles(), member.credentialsChangedAt()));
    }

    /** Every account, by username. */
    @Audited(AuditedAction.STAFF_LIST)
    public List<StaffDetails> list() {
        List<StaffDetails> accounts = em.createQuery("select s from StaffMember s order by s.username",
                StaffMember.class).getResultList().stream().map(StaffDetails::of).toList();
        AuditedCall.current().detail(accounts.size() + " accounts");
        return accounts;
    }

    /**
     * The account {@code username}.
     *
     * @throws StaffMemberNotFoundException if there is no such account
     * @throws InvalidInputException        if the username is unreadable
     */
    @Audited(AuditedAction.STAFF_READ)
    public StaffDetails find(@AuditSubject Given<Username> account) {
        String username = account.value().value();
        return Optional.ofNullable(em.find(StaffMember.class, username)).map(StaffDetails::of)
                .orElseThrow(() -> new StaffMemberNotFoundException("there is no staff account " + username));
    }

    /**
     * Replaces the roles of {@code username}; takes effect on the account's open sessions at their next request.
     *
     * @throws StaffMemberNotFoundException if there is no such account
     * @throws InvalidInputException        if the roles are unreadable, empty or combine admin with another role
     * @throws AccountChangeRefusedException if an administrator would take the admin role from their own account
     */
    @Audited(AuditedAction.STAFF_ROLES_CHANGE)
    public StaffDetails changeRoles(@AuditSubject Given<Username> account, Given<Set<StaffRole>> newRoles) {
        String username = account.value().value();
        Set<StaffRole> roles = newRoles.value();
        try {
            StaffRoles.requireSeparationOfDuties(roles);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        StaffMember member = lockedForAdministratorChange(em, AuditedCall.current().actor().name(), username);
        if (isCaller(username) && !roles.contains(StaffRole.ADMIN)) {
            throw new AccountChangeRefusedException("you cannot take the admin role from your own account: another "
                    + "administrator has to");
        }
        changing(member).assignRoles(roles);
        AuditedCall.current().detail("roles " + roles);
        return StaffDetails.of(member);
    }

    /**
     * Disables {@code username}: it can no longer sign in, and its open sessions end at their next request.
     *
     * @throws StaffMemberNotFoundException  if there is no such account
     * @throws AccountChangeRefusedException if it is the caller's own account
     */
    @Audited(AuditedAction.STAFF_DISABLE)
    public StaffDetails disable(@AuditSubject Given<Username> account) {
        String username = account.value().value();
        StaffMember member = lockedForAdministratorChange(em, AuditedCall.current().actor().name(), username);
        if (isCaller(username)) {
            throw new AccountChangeRefusedException("you cannot disable your own account: another administrator "
                    + "has to");
        }
        changing(member).activate(false, clock.instant());
        return StaffDetails.of(member);
    }

    /**
     * Enables {@code username} again.
     *
     * @throws StaffMemberNotFoundException  if there is no such account
     * @throws AccountChangeRefusedException if it is the caller's own account
     */
    @Audited(AuditedAction.STAFF_ENABLE)
    public StaffDetails enable(@AuditSubject Given<Username> account) {
        String username = account.value().value();
        StaffMember member = lockedForAdministratorChange(em, AuditedCall.current().actor().name(), username);
        if (isCaller(username)) {
            // an active caller's own account is enabled already; a request that waited for its disable to commit
            // must not undo it
            throw new AccountChangeRefusedException("you cannot enable your own account: another administrator has "
                    + "to");
        }
        changing(member).activate(true, clock.instant());
        return StaffDetails.of(member);
    }

    /**
     * Sets a new password for {@code username}, which must be replaced at the next sign-in before anything else, and
     * ends the account's open sessions. (An administrator could use it to set a password of their own choosing; the
     * audit trail shows the reset and that sign-in.)
     *
     * @throws StaffMemberNotFoundException if there is no such account
     * @throws InvalidInputException        if the password is too short
     */
    @Audited(AuditedAction.STAFF_PASSWORD_RESET)
    public StaffDetails resetPassword(@AuditSubject Given<Username> account, char[] password) {
        String username = account.value().value();
        String hash = hashOf(password);
        StaffMember member = changing(lockedForAdministratorChange(em, AuditedCall.current().actor().name(),
                username));
        member.replacePassword(hash, true, clock.instant());
        return StaffDetails.of(member);
    }

    /**
     * Replaces the caller's own password after checking the current one. Every session of the account that began
     * before ends; the caller's own may go on with the instant returned (see {@link AccountState}).
     *
     * A wrong current password counts as a failed sign-in of the account ({@link SignInThrottle}): a session left
     * open is no way to guess the password faster than the sign-in page allows.
     *
     * @throws InvalidInputException         if the new password is too short or equals the current one
     * @throws AccountChangeRefusedException if {@code current} is not the caller's password (audited), or an
     *                                       administrator reset or disabled the account meanwhile
     * @throws SignInThrottledException      while the account is locked after failed checks (nothing is checked)
     */
    @Audited(AuditedAction.STAFF_PASSWORD_CHANGE)
    public Instant changeOwnPassword(char[] current, char[] replacement) {
        AuditedCall call = AuditedCall.current();
        String username = call.actor().name();
        call.subject(username);
        if (current.length == 0) {
            // no password is empty: a request without one is malformed, not a guess to count against the account
            throw new InvalidInputException("currentPassword is required; the password was not changed");
        }
        String checkedHash = existing(username).passwordHash();
        Optional<Duration> wait = throttle.admit(username, null);
        if (wait.isPresent()) {
            throw new SignInThrottledException(wait.get());
        }
        if (!passwords().verify(current, checkedHash)) {
            String locked = throttle.failed(username, null).map(StaffDirectory::describe).orElse("");
            throw new AccountChangeRefusedException("the current password is not correct; the password was not "
                    + "changed" + locked);
        }
        throttle.succeeded(username, null);
        if (Arrays.equals(current, replacement)) {
            throw new InvalidInputException("the new password must differ from the current one");
        }
        String hash = hashOf(replacement);
        StaffMember member = lockedForChange(em, username);
        if (!member.active() || !member.passwordHash().equals(checkedHash)) {
            throw new AccountChangeRefusedException("an administrator reset or disabled this account while its "
                    + "password was being changed; the password was not changed");
        }
        changing(member).replacePassword(hash, false, clock.instant());
        return member.credentialsChangedAt();
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
            persist(new NewStaffMember(ADMIN_USERNAME, "Administrator", initial, EnumSet.of(StaffRole.ADMIN)), false);
        } catch (IllegalArgumentException e) {
            LOG.warning("No administrator was created: " + ADMIN_PASSWORD_PROPERTY + " is not acceptable ("
                    + e.getMessage() + ")");
            return;
        } finally {
            Arrays.fill(initial, '\0');
        }
        // with the account, in its transaction: a stop before the commit leaves neither, and the next start tries again
        audit.recordInCallersTransaction(SYSTEM, AuditedAction.STAFF_CREATE, ADMIN_USERNAME, AuditOutcome.SUCCEEDED,
                "initial administrator");
        LOG.info("Created the initial administrator account 'admin' from " + ADMIN_PASSWORD_PROPERTY);
    }

    /**
     * The account {@code username} for a change, its row locked until the transaction ends: changes to one account
     * (an administrator's disable, reset or new roles, its owner's new password) are made one after another, each on
     * what the last one committed, so that none silently undoes another.
     *
     * @throws StaffMemberNotFoundException if there is no such account
     */
    static StaffMember lockedForChange(EntityManager em, String username) {
        List<?> locked = username == null ? List.of() : em.createNativeQuery(
                "select username from staff_member where username = :username for update")
                .setParameter("username", username).getResultList();
        if (locked.isEmpty()) {
            throw new StaffMemberNotFoundException("there is no staff account " + username);
        }
        StaffMember member = em.find(StaffMember.class, username);
        em.refresh(member); // as last committed, should this transaction have read it before the lock
        return member;
    }

    /**
     * The account {@code username} for an administrator's change to it (roles, disable, enable, a password reset),
     * locked as {@link #lockedForChange} does, with the caller's own account, as {@link #lockAsActiveAdministrator}
     * does. Two administrators disabling each other at the same moment would otherwise both succeed and leave the
     * node with none; one just disabled could undo it, or reset another's password, with a request already under way.
     * The caller can neither disable their own account nor take its admin role, so every change that commits leaves
     * at least its caller an active administrator.
     *
     * @throws StaffMemberNotFoundException  if there is no such account
     * @throws AccountChangeRefusedException if the caller's account was disabled or lost the admin role meanwhile
     */
    static StaffMember lockedForAdministratorChange(EntityManager em, String caller, String username) {
        lockAsActiveAdministrator(em, caller, username);
        return lockedForChange(em, username);
    }

    /**
     * Locks the caller's account and {@code username}'s, if there is one, in username order so that two such changes
     * never wait for each other, and requires the caller to be an active administrator as last committed: the roles
     * the request was authenticated with may have been taken away while it waited.
     *
     * @throws AccountChangeRefusedException if the caller's account was disabled or lost the admin role meanwhile
     */
    static void lockAsActiveAdministrator(EntityManager em, String caller, String username) {
        em.createNativeQuery("select username from staff_member where username in (:caller, :username) "
                + "order by username for update").setParameter("caller", caller).setParameter("username", username)
                .getResultList();
        StaffMember self = em.find(StaffMember.class, caller);
        if (self != null) {
            em.refresh(self);
        }
        if (self == null || !self.active() || !self.roles().contains(StaffRole.ADMIN)) {
            throw new AccountChangeRefusedException("your account is no longer that of an active administrator (it "
                    + "was disabled, lost the admin role or was removed while this change was being made), so the "
                    + "change was not made");
        }
    }

    private StaffMember existing(String username) {
        StaffMember member = username == null ? null : em.find(StaffMember.class, username);
        if (member == null) {
            throw new StaffMemberNotFoundException("there is no staff account " + username);
        }
        return member;
    }

    /**
     * {@code member}, about to change: from now, and again once this transaction has ended, no sign-in remembered
     * before stands for any account ({@link VerifiedCredentials}), so the change applies to the next request.
     */
    private StaffMember changing(StaffMember member) {
        verifiedCredentials.accountsChanged();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the change is not visible to other transactions before it commits: nothing to do yet
            }

            @Override
            public void afterCompletion(int status) {
                verifiedCredentials.accountsChanged();
            }
        });
        return member;
    }

    private boolean isCaller(String username) {
        return username.equals(AuditedCall.current().actor().name());
    }

    private String hashOf(char[] password) {
        try {
            return passwords().hash(password);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** An account an administrator creates must change its password first; the bootstrap administrator need not. */
    private StaffMember persist(NewStaffMember member, boolean passwordChangeRequired) {
        StaffMember created = new StaffMember(member.username(), member.displayName(),
                passwords().hash(member.password()), member.roles(), clock.instant(), passwordChangeRequired);
        try {
            em.persist(created);
            em.flush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
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
