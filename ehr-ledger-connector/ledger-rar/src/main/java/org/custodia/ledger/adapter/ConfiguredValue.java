package org.custodia.ledger.adapter;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Resolves one adapter setting: the value set on the adapter, pool or activation (a JCA config property, which
 * Payara may fill from a password alias), else the MicroProfile Config property {@code custodia.ledger.<name>},
 * else nothing (the caller applies its default).
 */
final class ConfiguredValue {

    static final String PREFIX = "custodia.ledger.";

    private ConfiguredValue() {
    }

    static Optional<String> of(String explicit, String name) {
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit.trim());
        }
        return fromMicroProfileConfig(PREFIX + name);
    }

    static Optional<String> of(Number explicit, String name) {
        return explicit != null ? Optional.of(explicit.toString()) : of((String) null, name);
    }

    static long asLong(Optional<String> value, String name, long defaultValue) {
        try {
            return value.map(Long::parseLong).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + name + " must be a whole number, got '" + value.get()
                    + "'", e);
        }
    }

    private static Optional<String> fromMicroProfileConfig(String key) {
        try {
            return ConfigProvider.getConfig().getOptionalValue(key, String.class).filter(text -> !text.isBlank());
        } catch (IllegalStateException noConfigImplementation) {
            return Optional.empty();
        }
    }
}
