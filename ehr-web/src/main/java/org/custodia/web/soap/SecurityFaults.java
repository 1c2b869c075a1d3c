package org.custodia.web.soap;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.custodia.kernel.Failure;
import org.custodia.web.rest.Problems;

/**
 * The SOAP faults a request gets when it is refused before the SOAP runtime reads it: no or a wrong UsernameToken
 * ({@code wsse:FailedAuthentication}), a throttled sign-in ({@code signInThrottled}, as the contract declares it),
 * a message that is not a SOAP envelope this service reads ({@code wsse:InvalidSecurity} or a client fault), or a
 * caller that cannot be checked while the database is out of reach ({@code unavailable}, a server fault). Each
 * carries a Problem as REST's problem details would, and nothing of the request.
 */
public final class SecurityFaults {

    private static final String WSSE_PREFIXED = "xmlns:wsse=\"" + UsernameTokenReader.WSSE + "\"";

    /** A fault code: WS-Security's, or the envelope's own client/sender or server/receiver code. */
    enum Code {
        FAILED_AUTHENTICATION("wsse:FailedAuthentication"), INVALID_SECURITY("wsse:InvalidSecurity"), CLIENT(null),
        SERVER(null);

        private final String qname;

        Code(String qname) {
            this.qname = qname;
        }
    }

    /** A fault: its code, its detail's element in the contract's namespace, and REST's problem fields. */
    public record Fault(Code code, String element, String type, String title, int status, String detail,
            Long retryAfter) {
    }

    private SecurityFaults() {
    }

    /** An envelope this service does not read, or no operation of the contract. */
    public static Fault invalidRequest(String detail) {
        return of(Code.CLIENT, "invalidRequest", Failure.INVALID, detail, null);
    }

    /** A request without a UsernameToken. */
    public static Fault noToken(String detail) {
        return new Fault(Code.INVALID_SECURITY, "unauthorized", "unauthorized", "Unauthorized", 401, detail, null);
    }

    /** A UsernameToken that signs nobody in. */
    public static Fault wrongToken(String detail) {
        return new Fault(Code.FAILED_AUTHENTICATION, "unauthorized", "unauthorized", "Unauthorized", 401, detail,
                null);
    }

    /** Too many failed sign-ins for the account or from the address. */
    public static Fault throttled(String detail, long retryAfterSeconds) {
        return of(Code.FAILED_AUTHENTICATION, "signInThrottled", Failure.THROTTLED, detail, retryAfterSeconds);
    }

    /** The caller could not be checked because the node's database is out of reach: a server fault, to retry. */
    public static Fault unavailable(String detail) {
        return of(Code.SERVER, "unavailable", Failure.UNAVAILABLE, detail, null);
    }

    /** An account whose password an administrator set, which may only set its own. */
    public static Fault passwordChangeRequired(String detail) {
        return new Fault(Code.FAILED_AUTHENTICATION, "forbidden", "password-change-required",
                "Password change required", 403, detail, null);
    }

    private static Fault of(Code code, String element, Failure failure, String detail, Long retryAfter) {
        Problems.Kind kind = Problems.kind(failure);
        return new Fault(code, element, kind.type(), kind.title(), kind.status(), detail, retryAfter);
    }

    /** Whether a request of {@code contentType} is a SOAP 1.2 one (its faults are then SOAP 1.2 faults). */
    public static boolean isSoap12(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("application/soap+xml");
    }

    /**
     * Writes {@code problem} as the response: a SOAP 1.1 fault (HTTP 500), or a SOAP 1.2 one (HTTP 400 for the
     * sender's faults, 500 for a server fault).
     */
    public static void write(HttpServletResponse response, boolean soap12, Fault problem) throws IOException {
        Code code = problem.code();
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
                    + "<e:Code><e:Value>" + (code == Code.SERVER ? "e:Receiver" : "e:Sender") + "</e:Value>"
                    + subcode + "</e:Code>"
                    + "<e:Reason><e:Text xml:lang=\"en\">" + escape(problem.detail()) + "</e:Text></e:Reason>"
                    + "<e:Detail>" + detail + "</e:Detail></e:Fault></e:Body></e:Envelope>";
            response.setStatus(code == Code.SERVER ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR
                    : HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/soap+xml; charset=UTF-8");
        } else {
            String faultCode = code.qname == null
                    ? "<faultcode>" + (code == Code.SERVER ? "e:Server" : "e:Client") + "</faultcode>"
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
