package org.custodia.kernel;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A view of a stream that counts the bytes written through it, for the entry of a delivery that broke off. */
public final class CountingOutput extends FilterOutputStream {

    private long count;

    public CountingOutput(OutputStream out) {
        super(out);
    }

    /** The bytes handed to the stream underneath so far. */
    public long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        count += length;
    }
}
