package org.custodia.web.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;

import org.custodia.kernel.StaffRole;
import org.custodia.staff.Authenticated;
import org.custodia.staff.SignInThrottledException;
import org.custodia.staff.StaffDirectory;
import org.custodia.staff.VerifiedCredentials;

/**
 * The identity store over the {@code staff_member} and {@code staff_role} tables: a staff member whose PBKDF2 password
 * hash matches is the caller, with their roles as groups (mapped one to one onto the application's security roles),
 * plus {@link #PASSWORD_CHANGE_REQUIRED} while an administrator's password has not been replaced. Credentials that
 * opened an account within the last minutes, with no account changed since, open it again without a database read
 * ({@link VerifiedCredentials#recall}).
 */
@ApplicationScoped
public class StaffIdentityStore implements IdentityStore {

    @EJB
    private StaffDirectory staff;

    /**
     * A group no role is named after: the account's password was set by an administrator and must be changed before
     * anything else ({@link StaffAuthentication} confines such a caller to that).
     */
    static final String PASSWORD_CHANGE_REQUIRED = "custodia:password-change-required";

    /** The request attribute that holds, for a throttled sign-in, the seconds until the next attempt is checked. */
    static final String RETRY_AFTER = StaffIdentityStore.class.getName() + ".retry-after";

    @Inject
    private HttpServletRequest request;

    @Inject
    private VerifiedCredentials verifiedCredentials;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String caller = credential.getCaller();
        char[] password = credential.getPassword().getValue();
        Optional<Authenticated> authenticated = caller == null ? Optional.empty()
                : verifiedCredentials.recall(caller, password);
        try {
            if (authenticated.isEmpty()) {
                authenticated = staff.authenticate(caller, password, request.getRemoteAddr());
            }
        } catch (SignInThrottledException e) {
            request.setAttribute(RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()));
            return CredentialValidationResult.INVALID_RESULT;
        }
        return authenticated.map(account -> new CredentialValidationResult(caller, groups(account)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    private static Set<String> groups(Authenticated account) {
        Set<String> groups = account.roles().stream().map(StaffRole::roleName).collect(Collectors.toSet());
        if (account.passwordChangeRequired()) {
            groups.add(PASSWORD_CHANGE_REQUIRED);
        }
        return groups;
    }
}
