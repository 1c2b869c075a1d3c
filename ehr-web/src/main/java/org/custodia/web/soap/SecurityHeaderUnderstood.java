package org.custodia.web.soap;

import java.util.Set;

import javax.xml.namespace.QName;

import jakarta.xml.ws.handler.MessageContext;

import com.sun.xml.ws.api.handler.MessageHandler;
import com.sun.xml.ws.api.handler.MessageHandlerContext;

/**
 * Tells the SOAP runtime that the {@code wsse:Security} header (sent with {@code mustUnderstand}) is understood: the
 * staff sign-in read it, and checked its UsernameToken, before the request reached the runtime. Touches no message,
 * so attachments stay streamed.
 */
public class SecurityHeaderUnderstood implements MessageHandler<MessageHandlerContext> {

    private static final QName SECURITY = new QName(UsernameTokenReader.WSSE, "Security");

    @Override
    public Set<QName> getHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public boolean handleMessage(MessageHandlerContext context) {
        return true;
    }

    @Override
    public boolean handleFault(MessageHandlerContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
        // nothing held
    }
}
