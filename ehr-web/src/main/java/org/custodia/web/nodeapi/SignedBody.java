package org.custodia.web.nodeapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a signed request's body into memory, up to a bound, so that its digest can be checked before it is used. */
final class SignedBody {

    private SignedBody() {
    }

    /**
     * All of {@code in}, when it holds at most {@code maxBytes} bytes; empty when it holds more, of which at most
     * {@code maxBytes + 1} were read.
     */
    static Optional<byte[]> read(InputStream in, int maxBytes) throws IOException {
        if (maxBytes < 0 || maxBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the bound must be 0 to " + (Integer.MAX_VALUE - 1) + " bytes");
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        return body.length > maxBytes ? Optional.empty() : Optional.of(body);
    }
}
