package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.custodia.crypto.PrePrivateKey;
import org.custodia.crypto.PrePublicKey;
import org.custodia.kernel.SecretBytes;
import org.junit.jupiter.api.Test;

/**
 * When an opened record releases its plaintext, and that it leaves none behind. The envelope is played by a source
 * that writes given bytes, and the key by a stand-in that records its destruction: neither one's cryptography plays a
 * part here (the envelope pipeline has its own tests).
 */
class OpenedRecordTest {

    private static final String RECORD = "ab".repeat(32);

    @Test
    void aSmallRecordIsReadCompletelyWhenOpenedAndWipedWhenClosed() throws IOException {
        byte[] plaintext = bytes(4096);
        WritingSource source = new WritingSource(plaintext);
        StandInKey key = new StandInKey();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (OpenedRecord opened = OpenedRecord.open(details(plaintext.length), key, source)) {
            assertEquals(1, source.calls, "the envelope is read while the record is opened");
            assertTrue(key.isDestroyed(), "the key is destroyed once the plaintext is checked");
            opened.writeTo(received);
            assertEquals(1, source.calls, "written from what was read, not read again");
            assertArrayEquals(plaintext, source.buffer.contents(), "one array of the recorded size, holding it all");
        }
        assertArrayEquals(plaintext, received.toByteArray());
        assertTrue(allZero(source.buffer.contents()), "the plaintext is wiped on close");
    }

    @Test
    void aSmallRecordsCheckedPlaintextIsReadInPlaceOnceAndWipedWhenClosed() throws IOException {
        byte[] plaintext = bytes(4096);
        WritingSource source = new WritingSource(plaintext);
        byte[] read;
        try (OpenedRecord opened = OpenedRecord.open(details(plaintext.length), new StandInKey(), source)) {
            try (InputStream in = opened.checkedPlaintext()) {
                read = in.readAllBytes();
            }
            assertThrows(IllegalStateException.class, opened::checkedPlaintext, "read once");
            assertThrows(IllegalStateException.class, () -> opened.writeTo(new ByteArrayOutputStream()),
                    "reading it was its one release");
        }
        assertArrayEquals(plaintext, read);
        assertTrue(allZero(source.buffer.contents()), "the array it was read from is wiped on close");
    }

    @Test
    void onlyAHeldPlaintextCanBeReadInPlace() throws IOException {
        try (OpenedRecord larger = OpenedRecord.open(details(OpenedRecord.CHECKED_BEFORE_RELEASE + 1),
                new StandInKey(), new WritingSource(bytes(64)))) {
            assertThrows(IllegalStateException.class, larger::checkedPlaintext, "a larger record only streams");
        }
        OpenedRecord closed = OpenedRecord.open(details(64), new StandInKey(), new WritingSource(bytes(64)));
        closed.close();
        assertThrows(IllegalStateException.class, closed::checkedPlaintext, "nothing is left once closed");
    }

    @Test
    void aSmallRecordShorterThanRecordedIsRefusedAndWiped() {
        byte[] plaintext = bytes(100);
        WritingSource source = new WritingSource(plaintext);
        StandInKey key = new StandInKey();
        RecordIntegrityException refused = assertThrows(RecordIntegrityException.class,
                () -> OpenedRecord.open(details(200), key, source));
        assertEquals("the stored envelope of record " + RECORD + " holds 100 bytes, not the 200 bytes recorded for it: "
                + "download refused", refused.getMessage());
        assertTrue(key.isDestroyed());
        assertTrue(allZero(source.buffer.contents()), "what was decrypted is wiped");
    }

    @Test
    void aSmallRecordLongerThanRecordedIsRefusedWithoutGrowingTheBuffer() {
        byte[] plaintext = bytes(300);
        WritingSource source = new WritingSource(plaintext);
        StandInKey key = new StandInKey();
        RecordIntegrityException refused = assertThrows(RecordIntegrityException.class,
                () -> OpenedRecord.open(details(200), key, source));
        assertEquals("the stored envelope of record " + RECORD + " holds more than the 200 bytes recorded for it: "
                + "download refused", refused.getMessage());
        assertTrue(key.isDestroyed());
        assertEquals(200, source.buffer.contents().length, "no larger copy was made");
        assertTrue(allZero(source.buffer.contents()));
    }

    @Test
    void aSmallRecordWhoseEnvelopeFailsMidwayIsWiped() {
        byte[] plaintext = bytes(1000);
        RecordIntegrityException tampered = new RecordIntegrityException("tampered");
        WritingSource source = new WritingSource(Arrays.copyOf(plaintext, 600)) {
            @Override
            public void writeTo(PrePrivateKey key, OutputStream out) throws IOException {
                super.writeTo(key, out);
                throw tampered;
            }
        };
        StandInKey key = new StandInKey();
        assertSame(tampered, assertThrows(RecordIntegrityException.class,
                () -> OpenedRecord.open(details(plaintext.length), key, source)));
        assertTrue(key.isDestroyed());
        assertTrue(allZero(source.buffer.contents()), "the part decrypted before the failure is wiped");
    }

    @Test
    void aLargerRecordStreamsWhenWrittenWithItsKeyDestroyedAfter() throws IOException {
        long size = OpenedRecord.CHECKED_BEFORE_RELEASE + 1;
        byte[] start = bytes(64);
        WritingSource source = new WritingSource(start);
        StandInKey key = new StandInKey();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (OpenedRecord opened = OpenedRecord.open(details(size), key, source)) {
            assertEquals(0, source.calls, "nothing is read before it is written");
            assertFalse(key.isDestroyed());
            opened.writeTo(received);
            assertEquals(1, source.calls);
            assertFalse(source.out instanceof OpenedRecord.PlaintextBuffer, "not held back in a buffer");
            assertArrayEquals(start, received.toByteArray(), "streamed to the caller");
            assertEquals(List.of(), source.brokenOff, "delivered");
            assertTrue(key.isDestroyed());
            assertThrows(IllegalStateException.class, () -> opened.writeTo(new ByteArrayOutputStream()),
                    "written once");
        }
        assertNull(source.buffer);
    }

    private static RecordDetails details(long size) {
        return new RecordDetails(RECORD, UUID.randomUUID(), "laboratory", "Blood count", "text/plain", size,
                "cd".repeat(32), AnchorStatus.ANCHORED, null, null, null, Instant.EPOCH, "physician", null);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251 + 1); // never zero, so a wiped array shows
        }
        return bytes;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes its bytes in pieces, as the envelope's segments arrive, and keeps what it was given to write to. */
    private static class WritingSource implements OpenedRecord.Source {
        private final byte[] plaintext;
        int calls;
        OutputStream out;
        OpenedRecord.PlaintextBuffer buffer;
        final List<String> brokenOff = new ArrayList<>();

        WritingSource(byte[] plaintext) {
            this.plaintext = plaintext;
        }

        @Override
        public void writeTo(PrePrivateKey key, OutputStream out) throws IOException {
            calls++;
            this.out = out;
            if (out instanceof OpenedRecord.PlaintextBuffer opened) {
                buffer = opened;
            }
            for (int offset = 0; offset < plaintext.length; offset += 64) {
                out.write(plaintext, offset, Math.min(64, plaintext.length - offset));
            }
        }

        @Override
        public void failedWhileStreaming(RecordIntegrityException failure) {
            assertNotNull(failure);
        }

        @Override
        public void brokenOff(String reason) {
            brokenOff.add(reason);
        }
    }

    /** A receiver whose connection fails once it has taken {@code limit} bytes. */
    private static OutputStream failingAfter(int limit) {
        return new OutputStream() {
            private int taken;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                if (taken + length > limit) {
                    throw new IOException("Connection reset by peer");
                }
                taken += length;
            }
        };
    }

    /**
     * The download was audited as succeeded when it was granted; a delivery that then breaks off is audited as failed,
     * with how much of the plaintext went out, whether it was checked before release or streams.
     */
    @Test
    void aDeliveryThatBreaksOffIsReportedWithWhatWasWritten() throws IOException {
        WritingSource small = new WritingSource(bytes(4096));
        try (OpenedRecord opened = OpenedRecord.open(details(4096), new StandInKey(), small)) {
            IOException failed = assertThrows(IOException.class, () -> opened.writeTo(failingAfter(1000)));
            assertEquals("Connection reset by peer", failed.getMessage());
        }
        assertEquals(List.of("delivery failed after 0 of 4096 bytes were handed to the connection: Connection reset "
                + "by peer"), small.brokenOff, "a checked record goes out in one write");

        long size = OpenedRecord.CHECKED_BEFORE_RELEASE + 1;
        WritingSource streamed = new WritingSource(bytes(4096));
        StandInKey key = new StandInKey();
        try (OpenedRecord opened = OpenedRecord.open(details(size), key, streamed)) {
            assertThrows(IOException.class, () -> opened.writeTo(failingAfter(1000)));
            assertTrue(key.isDestroyed());
        }
        assertEquals(List.of("delivery failed after 960 of " + size + " bytes were handed to the connection: "
                + "Connection reset by peer"), streamed.brokenOff, "15 writes of 64 bytes went out");
    }

    /** What the connection still buffered when the record was written fails at the flush, and is reported too. */
    @Test
    void aDeliveryThatFailsWhenItIsFlushedIsReported() throws IOException {
        WritingSource source = new WritingSource(bytes(4096));
        try (OpenedRecord opened = OpenedRecord.open(details(4096), new StandInKey(), source)) {
            assertThrows(IOException.class, () -> opened.writeTo(new OutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public void flush() throws IOException {
                    throw new IOException("Broken pipe");
                }
            }));
        }
        assertEquals(List.of("delivery failed after 4096 of 4096 bytes were handed to the connection: Broken pipe"),
                source.brokenOff);
    }

    /** The node's own failure to read the envelope is told apart from a receiver that went away. */
    @Test
    void aStoredEnvelopeThatCannotBeReadWhileStreamingIsReportedAsSuch() throws IOException {
        long size = OpenedRecord.CHECKED_BEFORE_RELEASE + 1;
        WritingSource unreadable = new WritingSource(bytes(64)) {
            @Override
            public void writeTo(PrePrivateKey key, OutputStream out) throws IOException {
                super.writeTo(key, out);
                throw new IOException("cannot read the envelope of record " + RECORD + ": Input/output error");
            }
        };
        try (OpenedRecord opened = OpenedRecord.open(details(size), new StandInKey(), unreadable)) {
            assertThrows(IOException.class, () -> opened.writeTo(new ByteArrayOutputStream()));
        }
        assertEquals(List.of("reading the stored envelope failed after 64 of " + size + " bytes were handed to the "
                + "connection: cannot read the envelope of record " + RECORD + ": Input/output error"),
                unreadable.brokenOff);
    }

    @Test
    void aDeliveredRecordIsNotReportedBrokenOff() throws IOException {
        WritingSource source = new WritingSource(bytes(4096));
        try (OpenedRecord opened = OpenedRecord.open(details(4096), new StandInKey(), source)) {
            opened.writeTo(OutputStream.nullOutputStream());
        }
        assertEquals(List.of(), source.brokenOff);
    }

    /** A key that only records whether it was destroyed. */
    private static final class StandInKey implements PrePrivateKey {
        private boolean destroyed;

        @Override
        public PrePublicKey publicKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SecretBytes toSecretBytes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void destroy() {
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }
    }
}
