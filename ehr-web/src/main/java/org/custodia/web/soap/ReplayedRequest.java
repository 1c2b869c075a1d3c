package org.custodia.web.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A SOAP request whose envelope was read already ({@link UsernameTokenReader}): it is read again first. */
public final class ReplayedRequest extends HttpServletRequestWrapper {

    private final ServletInputStream body;

    public ReplayedRequest(HttpServletRequest request, UsernameTokenReader.Header header) throws IOException {
        super(request);
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(header.consumed()),
                request.getInputStream());
        this.body = new ServletInputStream() {
            private boolean finished;

            @Override
            public int read() throws IOException {
                int b = whole.read();
                finished = b < 0;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = whole.read(b, off, len);
                finished = n < 0;
                return n;
            }

            @Override
            public boolean isFinished() {
                return finished;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("a SOAP request is read blocking");
            }
        };
    }

    @Override
    public ServletInputStream getInputStream() {
        return body;
    }
}
