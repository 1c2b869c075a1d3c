package org.custodia.web.soap;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The SOAP faults a request gets when it is refused before the SOAP runtime reads it: no or a wrong UsernameToken
 * ({@code wsse:FailedAuthentication}), a throttled sign-in ({@code signInThrottled}, as the contract declares it),
 * or a message that is not a SOAP envelope this service reads ({@code wsse:InvalidSecurity} or a client fault). Each
 * carries a Problem as REST's problem details would, and nothing of the request.
 */
public final class SecurityFaults {

    private static final String WSSE_PREFIXED = "xmlns:wsse=\"" + UsernameTokenReader.WSSE + "\"";

    /** A fault code: WS-Security's, or the envelope's own client/sender code. */
    public enum Code {
        FAILED_AUTHENTICATION("wsse:FailedAuthentication"), INVALID_SECURITY("wsse:InvalidSecurity"), CLIENT(null);

        private final String qname;

        Code(String qname) {
            this.qname = qname;
        }
    }

    /** The problem a fault carries: its element in the contract's namespace, and REST's fields. */
    public record Problem(String element, String type, String title, int status, String detail, Long retryAfter) {
    }

    private SecurityFaults() {
    }

    /** Whether a request of {@code contentType} is a SOAP 1.2 one (its faults are then SOAP 1.2 faults). */
    public static boolean isSoap12(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("application/soap+xml");
    }

    public static void write(HttpServletResponse response, boolean soap12, Code code, Problem problem)
            throws IOException {
        String detail = "<c:" + problem.element() + " xmlns:c=\"" + RecordsEndpoint.NAMESPACE + "\">"
                + "<c:type>urn:custodia:problem:" + problem.type() + "</c:type>"
                + "<c:title>" + escape(problem.title()) + "</c:title>"
                + "<c:status>" + problem.status() + "</c:status>"
                + "<c:detail>" + escape(problem.detail()) + "</c:detail>"
                + (problem.retryAfter() == null ? "" : "<c:retryAfterSeconds>" + problem.retryAfter()
                        + "</c:retryAfterSeconds>")
                + "</c:" + problem.element() + ">";
        String envelope;
        if (soap12) {
            String subcode = code.qname == null ? ""
                    : "<e:Subcode><e:Value " + WSSE_PREFIXED + ">" + code.qname + "</e:Value></e:Subcode>";
            envelope = "<e:Envelope xmlns:e=\"" + UsernameTokenReader.SOAP12 + "\"><e:Body><e:Fault>"
                    + "<e:Code><e:Value>e:Sender</e:Value>" + subcode + "</e:Code>"
                    + "<e:Reason><e:Text xml:lang=\"en\">" + escape(problem.detail()) + "</e:Text></e:Reason>"
                    + "<e:Detail>" + detail + "</e:Detail></e:Fault></e:Body></e:Envelope>";
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/soap+xml; charset=UTF-8");
        } else {
            String faultCode = code.qname == null ? "<faultcode>e:Client</faultcode>"
                    : "<faultcode " + WSSE_PREFIXED + ">" + code.qname + "</faultcode>";
            envelope = "<e:Envelope xmlns:e=\"" + UsernameTokenReader.SOAP11 + "\"><e:Body><e:Fault>" + faultCode
                    + "<faultstring xml:lang=\"en\">" + escape(problem.detail()) + "</faultstring>"
                    + "<detail>" + detail + "</detail></e:Fault></e:Body></e:Envelope>";
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.setContentType("text/xml; charset=UTF-8");
        }
        if (problem.retryAfter() != null) {
            response.setHeader("Retry-After", problem.retryAfter().toString());
        }
        Writer out = response.getWriter();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.write(envelope);
        out.flush();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
