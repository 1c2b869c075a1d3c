package org.custodia.web.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import org.custodia.kernel.StaffRole;
import org.custodia.staff.StaffDirectory;

/**
 * The identity store over the {@code staff_member} and {@code staff_role} tables: a staff member whose PBKDF2 password
 * hash matches is the caller, with their roles as groups (mapped one to one onto the application's security roles).
 */
@ApplicationScoped
public class StaffIdentityStore implements IdentityStore {

    @EJB
    private StaffDirectory staff;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<Set<StaffRole>> roles = staff.authenticate(credential.getCaller(), credential.getPassword().getValue());
        return roles.map(granted -> new CredentialValidationResult(credential.getCaller(),
                        granted.stream().map(StaffRole::roleName).collect(Collectors.toSet())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
