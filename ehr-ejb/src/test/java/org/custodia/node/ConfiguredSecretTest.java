package org.custodia.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfiguredSecretTest {

    private static final String PROPERTY = "custodia.keys.keystore-password";
    private static final String ALIAS = "custodia-keystore-password";

    @Test
    void aSetValueIsReturnedButNeverShown() {
        ConfiguredSecret secret = ConfiguredSecret.of(PROPERTY, ALIAS, Optional.of("s3cret-value"));
        assertTrue(secret.isPresent());
        assertEquals("s3cret-value", secret.require());
        assertFalse(secret.toString().contains("s3cret"), secret.toString());
    }

    @Test
    void missingBlankOrUnexpandedAliasIsATypedErrorNamingPropertyAndAlias() {
        for (Optional<String> value : java.util.List.of(Optional.<String>empty(), Optional.of("  "),
                Optional.of("${ALIAS=" + ALIAS + "}"))) {
            ConfiguredSecret secret = ConfiguredSecret.of(PROPERTY, ALIAS, value);
            assertFalse(secret.isPresent());
            DependencyUnavailableException missing = assertThrows(DependencyUnavailableException.class,
                    secret::require);
            assertTrue(missing.getMessage().contains(PROPERTY) && missing.getMessage().contains(ALIAS),
                    missing.getMessage());
            assertEquals(Failure.UNAVAILABLE, missing.failure());
        }
    }
}
