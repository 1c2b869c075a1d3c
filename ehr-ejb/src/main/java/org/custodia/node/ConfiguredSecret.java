package org.custodia.node;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * A secret setting (a password, a shared key) read from MicroProfile Config. In a Payara domain its value is a
 * password alias reference such as {@code ${ALIAS=custodia-keystore-password}}; an alias that does not exist can
 * come through unexpanded or fail to resolve, which both count as missing. Never logged; {@code toString} is
 * redacted.
 */
public final class ConfiguredSecret {

    private final String property;
    private final String alias;
    private final String value;

    private ConfiguredSecret(String property, String alias, String value) {
        this.property = property;
        this.alias = alias;
        this.value = value;
    }

    /** Reads {@code property}; a value that cannot be resolved counts as missing. */
    public static ConfiguredSecret read(Config config, String property, String alias) {
        Optional<String> value;
        try {
            value = config.getOptionalValue(property, String.class);
        } catch (RuntimeException e) {
            // an unresolvable ${...} expression: treated like an unset property, without echoing the value
            value = Optional.empty();
        }
        return of(property, alias, value);
    }

    /**
     * @param property the MicroProfile Config property
     * @param alias    the Payara password alias a domain normally sets it from, named in error messages
     * @param value    what the configuration holds, if anything
     */
    public static ConfiguredSecret of(String property, String alias, Optional<String> value) {
        String present = value.filter(v -> !v.isBlank() && !v.startsWith("${ALIAS=")).orElse(null);
        return new ConfiguredSecret(property, alias, present);
    }

    public boolean isPresent() {
        return value != null;
    }

    /**
     * The value.
     *
     * @throws DependencyUnavailableException naming the property and the alias when it is missing
     */
    public String require() {
        if (value == null) {
            throw new DependencyUnavailableException(missing());
        }
        return value;
    }

    /** Why the secret is missing, in words an operator can act on. */
    public String missing() {
        return property + " is not set: create the password alias " + alias
                + " (asadmin create-password-alias) and set the property to ${ALIAS=" + alias + "}";
    }

    @Override
    public String toString() {
        return "ConfiguredSecret[" + property + (value == null ? ", missing]" : ", redacted]");
    }
}
