package org.custodia.web.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.custodia.web.dto.ProblemDetails;

/**
 * HTTP Basic authentication of staff against the node's identity store (see {@link StaffIdentityStore}). Credentials
 * are checked on every request that carries them; a protected resource without valid credentials gets a 401
 * challenge whose body is problem details. Use it over TLS only (the intranet listener's configuration).
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "Custodia";

    @Inject
    private IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        Optional<UsernamePasswordCredential> credential;
        try {
            credential = BasicCredentials.parse(request.getHeader("Authorization"));
        } catch (IllegalArgumentException e) {
            return challenge(request, response, e.getMessage());
        }
        if (credential.isPresent()) {
            CredentialValidationResult result = identityStores.validate(credential.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return challenge(request, response, "the username or password is not valid, or the account is inactive");
        }
        if (context.isProtected()) {
            return challenge(request, response, "sign in as a staff member with HTTP Basic authentication");
        }
        return context.doNothing();
    }

    private static AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response,
            String detail) throws AuthenticationException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setContentType(ProblemDetails.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(new ProblemDetails("urn:custodia:problem:unauthorized", "Unauthorized",
                    HttpServletResponse.SC_UNAUTHORIZED, detail, request.getRequestURI()).toJson());
        } catch (IOException e) {
            throw new AuthenticationException("cannot write the authentication challenge", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
