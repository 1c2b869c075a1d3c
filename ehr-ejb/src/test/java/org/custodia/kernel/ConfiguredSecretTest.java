package org.custodia.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfiguredSecretTest {

    private static final String PROPERTY = "custodia.keys.keystore-password";

    @Test
    void aSetValueIsReturnedButNeverShown() {
        ConfiguredSecret secret = ConfiguredSecret.of(PROPERTY, Optional.of("s3cret-value"));
        assertTrue(secret.isPresent());
        assertEquals("s3cret-value", secret.require());
        assertFalse(secret.toString().contains("s3cret"), secret.toString());
    }

    @Test
    void missingBlankOrUnexpandedAliasIsATypedErrorNamingTheProperty() {
        for (Optional<String> value : java.util.List.of(Optional.<String>empty(), Optional.of("  "),
                Optional.of("${ALIAS=custodia-keystore-password}"))) {
            ConfiguredSecret secret = ConfiguredSecret.of(PROPERTY, value);
            assertFalse(secret.isPresent());
            DependencyUnavailableException missing = assertThrows(DependencyUnavailableException.class,
                    secret::require);
            assertTrue(missing.getMessage().startsWith(PROPERTY + " is not set"), missing.getMessage());
            assertFalse(missing.getMessage().contains("${ALIAS=custodia-keystore-password}"), "the value is not echoed");
            assertEquals(Failure.UNAVAILABLE, missing.failure());
        }
    }
}
