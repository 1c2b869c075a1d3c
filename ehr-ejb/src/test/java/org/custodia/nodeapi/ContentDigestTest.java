package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDigestTest {

    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theExampleOfRfc9530() {
        assertEquals("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", ContentDigest.of(HELLO).fieldValue());
    }

    @Test
    void anEmptyBodyHasTheDigestOfZeroBytes() {
        assertEquals("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
                ContentDigest.of(new byte[0]).fieldValue());
    }

    @Test
    void aStreamedBodyHasTheDigestOfItsBytes() throws IOException {
        byte[] body = new byte[200_000];
        new Random(9).nextBytes(body);
        DigestInputStream in = new DigestInputStream(new ByteArrayInputStream(body), ContentDigest.newSha256());
        in.transferTo(OutputStream.nullOutputStream());
        assertEquals(ContentDigest.of(body), ContentDigest.from(in.getMessageDigest()));
    }

    @Test
    void onlyASha256DigestIsTaken() throws NoSuchAlgorithmException {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        assertThrows(IllegalArgumentException.class, () -> ContentDigest.from(sha512));
    }

    @Test
    void aReceivedFieldReadsBackToTheSameDigest() throws MalformedFieldException {
        ContentDigest digest = ContentDigest.of(HELLO);
        assertEquals(digest, ContentDigest.parse(digest.fieldValue()));
        assertEquals(digest, ContentDigest.parse(" \t" + digest.fieldValue() + " "));
        assertNotEquals(digest, ContentDigest.of("{\"hello\": \"world!\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "sha-256",
        "sha-256=:",
        "sha-256=::",
        "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
        "SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
        "sha-512=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPF=:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9D:",
        "sha-256=:X48E9q-OokqqrvdtsnOJRJN3OWDUoyWxBf7kbu9DBPE=:",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=1",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:AAAA:"
    })
    void otherFormsAreRefused(String value) {
        assertThrows(MalformedFieldException.class, () -> ContentDigest.parse(value));
    }

    @Test
    void aMissingOrOversizedFieldIsRefusedWithoutEchoingIt() {
        assertThrows(MalformedFieldException.class, () -> ContentDigest.parse(null));
        MalformedFieldException oversized = assertThrows(MalformedFieldException.class,
                () -> ContentDigest.parse("sha-256=:" + "Q".repeat(10_000) + ":"));
        assertFalse(oversized.getMessage().contains("QQQQ"), oversized.getMessage());
    }
}
