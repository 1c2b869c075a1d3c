package org.custodia.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUsernameAndPasswordInUtf8() {
        UsernamePasswordCredential credential = BasicCredentials.parse(basic("d.ross:pässwörd:with:colons"))
                .orElseThrow();
        assertEquals("d.ross", credential.getCaller());
        assertEquals("pässwörd:with:colons", credential.getPasswordAsString());
        assertEquals("d.ross", BasicCredentials.parse(basic("d.ross:x").replace("Basic", "basic"))
                .orElseThrow().getCaller(), "the scheme name is case-insensitive");
    }

    @Test
    void otherSchemesAndNoHeaderAreNoCredentials() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer abc.def").isEmpty());
        assertTrue(BasicCredentials.parse("Basi").isEmpty());
    }

    @Test
    void malformedBasicCredentialsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BasicCredentials.parse("Basic %%%"));
        assertThrows(IllegalArgumentException.class, () -> BasicCredentials.parse(basic("no-colon")));
        assertThrows(IllegalArgumentException.class, () -> BasicCredentials.parse(basic(":password-only")));
    }
}
