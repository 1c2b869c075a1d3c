package org.custodia.crypto.envelope;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Views of the caller's streams for Tink's streaming AEAD, which closes what it wraps. The input view also
 * remembers whether the caller's stream itself failed, so an I/O error is not mistaken for tampering.
 */
final class UncloseableStreams {

    private UncloseableStreams() {
    }

    static final class Source extends FilterInputStream {

        private IOException failure;

        Source(InputStream in) {
            super(in);
        }

        boolean failed() {
            return failure != null;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
        }
    }

    static final class Sink extends FilterOutputStream {

        Sink(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
