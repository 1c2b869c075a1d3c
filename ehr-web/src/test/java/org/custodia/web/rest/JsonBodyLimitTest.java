package org.custodia.web.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** JSON bodies are read up to the cap and no further (the interceptor answers a larger one 413). */
class JsonBodyLimitTest {

    /** Counts the bytes read from a body of spaces that never ends. */
    private final AtomicLong read = new AtomicLong();
    private final InputStream endless = new InputStream() {
        @Override
        public int read() {
            read.incrementAndGet();
            return ' ';
        }
    };

    @Test
    void aBodyUpToTheCapIsPassedOnWhole() throws Exception {
        byte[] body = new byte[JsonBodyLimit.MAX_BYTES];
        body[body.length - 1] = '}';

        InputStream bounded = JsonBodyLimit.bounded(new ByteArrayInputStream(body), String.valueOf(body.length))
                .orElseThrow();

        assertArrayEquals(body, bounded.readAllBytes());
    }

    /** A record's content is streamed whatever its media type: a JSON document of any size is a record like others. */
    @Test
    void onlyBodiesBoundToObjectsAreCapped() {
        assertTrue(JsonBodyLimit.boundToObjects(Object.class));
        assertTrue(JsonBodyLimit.boundToObjects(String.class));
        assertFalse(JsonBodyLimit.boundToObjects(InputStream.class));
        assertFalse(JsonBodyLimit.boundToObjects(ByteArrayInputStream.class));
        assertTrue(JsonBodyLimit.boundToObjects(byte[].class), "read whole");
        assertFalse(JsonBodyLimit.boundToObjects(java.io.Reader.class));
    }

    @Test
    void aLargerDeclaredLengthIsRefusedUnread() throws Exception {
        assertTrue(JsonBodyLimit.bounded(endless, "10485760").isEmpty());
        assertEquals(0, read.get());
    }

    /** Sent without a length (chunked): read up to one byte past the cap, then refused. */
    @Test
    void aLargerBodyWithoutALengthIsRefusedOneBytePastTheCap() throws Exception {
        assertTrue(JsonBodyLimit.bounded(endless, null).isEmpty());
        assertEquals(JsonBodyLimit.MAX_BYTES + 1, read.get());
    }
}
