package org.custodia.web.nodeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class SignedBodyTest {

    @Test
    void aBodyUpToTheBoundIsReadWhole() throws IOException {
        byte[] reKey = new byte[276];
        reKey[275] = 7;

        assertArrayEquals(reKey, SignedBody.read(new ByteArrayInputStream(reKey), 276).orElseThrow());
        assertArrayEquals(new byte[0], SignedBody.read(InputStream.nullInputStream(), 276).orElseThrow());
    }

    @Test
    void aLongerBodyIsRefusedAfterReadingOneByteMoreThanTheBound() throws IOException {
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[10_000]);

        assertTrue(SignedBody.read(body, 276).isEmpty());
        assertEquals(10_000 - 277, body.available(), "the rest is not read");
    }
}
