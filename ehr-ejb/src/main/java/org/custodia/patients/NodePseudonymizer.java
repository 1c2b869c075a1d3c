package org.custodia.patients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.ConfiguredSecret;
import org.custodia.kernel.DependencyUnavailableException;
import org.eclipse.microprofile.config.Config;

/**
 * The consortium pseudonym key from {@code custodia.consortium.pseudonym-key} (base64, at least 32 bytes; in a
 * domain a password alias of that name), read the first time a pseudonym is needed.
 */
@ApplicationScoped
public class NodePseudonymizer {

    static final String PROPERTY = "custodia.consortium.pseudonym-key";

    @Inject
    private Config config;

    private volatile Pseudonymizer pseudonymizer;

    /**
     * @throws DependencyUnavailableException if the key is missing, not base64 or too short
     */
    public Pseudonym pseudonymOf(String nationalId) {
        return pseudonymizer().pseudonymOf(nationalId);
    }

    private Pseudonymizer pseudonymizer() {
        Pseudonymizer current = pseudonymizer;
        if (current == null) {
            String key = ConfiguredSecret.read(config, PROPERTY).require();
            try {
                current = Pseudonymizer.fromConfiguredKey(key);
            } catch (IllegalStateException e) {
                throw new DependencyUnavailableException(e.getMessage() + " (the password alias of that name)");
            }
            pseudonymizer = current;
        }
        return current;
    }
}
