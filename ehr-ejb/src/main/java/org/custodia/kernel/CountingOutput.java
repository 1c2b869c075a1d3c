package org.custodia.kernel;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A view of a stream that counts the bytes written through it, for the entry of a delivery that broke off, and
 * remembers whether the stream itself failed (its receiver), as opposed to whatever was producing the bytes.
 */
public final class CountingOutput extends FilterOutputStream {

    private long count;
    private boolean failed;

    public CountingOutput(OutputStream out) {
        super(out);
    }

    /** The bytes handed to the stream underneath so far. */
    public long count() {
        return count;
    }

    /** Whether a write, flush or close of the stream underneath failed. */
    public boolean failed() {
        return failed;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        count += length;
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }
}
