package org.custodia.kernel;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * A secret setting (a password, a shared key) read from MicroProfile Config. In a Payara domain it is a password
 * alias named like the property, which Payara's password config source serves (server-config's provision-domain
 * creates them), or a property whose value is {@code ${ALIAS=name}}. A reference to an alias that does not exist
 * can come through unexpanded or fail to resolve: both count as missing. Never logged; {@code toString} is redacted.
 */
public final class ConfiguredSecret {

    private final String property;
    private final String value;

    private ConfiguredSecret(String property, String value) {
        this.property = property;
        this.value = value;
    }

    /** Reads {@code property}; a value that cannot be resolved counts as missing. */
    public static ConfiguredSecret read(Config config, String property) {
        Optional<String> value;
        try {
            value = config.getOptionalValue(property, String.class);
        } catch (RuntimeException e) {
            // an unresolvable ${...} expression: treated like an unset property, without echoing the value
            value = Optional.empty();
        }
        return of(property, value);
    }

    /**
     * @param property the MicroProfile Config property
     * @param value    what the configuration holds, if anything
     */
    public static ConfiguredSecret of(String property, Optional<String> value) {
        String present = value.filter(v -> !v.isBlank() && !v.startsWith("${ALIAS=")).orElse(null);
        return new ConfiguredSecret(property, present);
    }

    public boolean isPresent() {
        return value != null;
    }

    /**
     * The value.
     *
     * @throws DependencyUnavailableException naming the property when it is missing
     */
    public String require() {
        if (value == null) {
            throw new DependencyUnavailableException(missing());
        }
        return value;
    }

    /** Why the secret is missing, in words an operator can act on. */
    public String missing() {
        return property + " is not set: create the Payara password alias " + property
                + " (server-config/bin/provision-domain.sh does), or set the property to ${ALIAS=<an alias>}";
    }

    @Override
    public String toString() {
        return "ConfiguredSecret[" + property + (value == null ? ", missing]" : ", redacted]");
    }
}
