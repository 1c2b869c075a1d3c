package org.custodia.kernel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A view of a stream that remembers whether reading it failed, so that whoever reads it through other work (a
 * decryption, a file store's write) can tell the failure of its source, such as another node's answer breaking off,
 * from a failure of its own.
 */
public class FailureNotingInput extends FilterInputStream {

    private volatile boolean failed;

    public FailureNotingInput(InputStream in) {
        super(in);
    }

    /** Whether a read, skip or close of the stream underneath failed. */
    public boolean failed() {
        return failed;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }
}
