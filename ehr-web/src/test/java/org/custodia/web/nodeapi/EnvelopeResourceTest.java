package org.custodia.web.nodeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.StreamingOutput;

import org.custodia.kernel.NodeRole;
import org.custodia.nodeapi.ForwardedCall;
import org.custodia.nodeapi.VerifiedCaller;
import org.custodia.sharing.EnvelopeRelease;
import org.custodia.web.ClosedAtRequestEnd;
import org.junit.jupiter.api.Test;

/** The envelope a custodian releases is closed when its request ends, whether or not its body was written. */
class EnvelopeResourceTest {

    private static final byte[] ENVELOPE = {1, 2, 3, 4};

    private final AtomicInteger closes = new AtomicInteger();
    private final Map<String, Object> attributes = new HashMap<>();

    /** A response dropped before its body is written (a HEAD, a failing filter) left the file open until collected. */
    @Test
    void anEnvelopeWhoseBodyIsNeverWrittenIsClosedAtTheRequestsEnd() throws Exception {
        HttpServletRequest request = request();
        resource().envelope("ab", "0x01", request);
        assertEquals(0, closes.get(), "open while the response may still be written");

        end(request);

        assertEquals(1, closes.get());
    }

    @Test
    void anEnvelopeWrittenIsStreamedWholeAndClosed() throws Exception {
        HttpServletRequest request = request();
        StreamingOutput body = resource().envelope("ab", "0x01", request);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);
        end(request);

        assertArrayEquals(ENVELOPE, out.toByteArray());
        assertTrue(closes.get() >= 1, "closed once written");
        assertTrue(attributes.containsKey(ClosedAtRequestEnd.class.getName()), "registered for the request's end");
    }

    /** Ends {@code request} as the servlet container does, with its listeners told. */
    private void end(HttpServletRequest request) {
        ServletContext context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, arguments) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        new ClosedAtRequestEnd().requestDestroyed(new ServletRequestEvent(context, request));
    }

    private EnvelopeResource resource() throws ReflectiveOperationException {
        EnvelopeRelease release = new EnvelopeRelease() {
            @Override
            public InputStream release(VerifiedCaller proxy, String recordId, String accessor, ForwardedCall asked) {
                return new ByteArrayInputStream(ENVELOPE) {
                    @Override
                    public void close() {
                        closes.incrementAndGet();
                    }
                };
            }
        };
        EnvelopeResource resource = new EnvelopeResource();
        Field field = EnvelopeResource.class.getDeclaredField("release");
        field.setAccessible(true);
        field.set(resource, release);
        return resource;
    }

    private HttpServletRequest request() {
        attributes.put(SignedNodeCallFilter.CALLER, new VerifiedCaller("0x" + "11".repeat(20), NodeRole.PROXY));
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) arguments[0]);
                    case "setAttribute" -> attributes.put((String) arguments[0], arguments[1]);
                    case "getHeaders" -> Collections.emptyEnumeration();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
