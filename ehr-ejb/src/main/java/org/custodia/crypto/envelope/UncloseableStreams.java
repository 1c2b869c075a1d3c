package org.custodia.crypto.envelope;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.custodia.kernel.FailureNotingInput;

/**
 * Views of the caller's streams for Tink's streaming AEAD, which closes what it wraps. The input view also
 * remembers whether the caller's stream itself failed, so an I/O error is not mistaken for tampering.
 */
final class UncloseableStreams {

    private UncloseableStreams() {
    }

    static final class Source extends FailureNotingInput {

        Source(InputStream in) {
            super(in);
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
