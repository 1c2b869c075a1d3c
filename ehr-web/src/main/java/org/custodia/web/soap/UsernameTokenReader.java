package org.custodia.web.soap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

import org.custodia.web.PercentDecoding;

/**
 * Reads a SOAP request's envelope before the SOAP runtime does, to take the WS-Security UsernameToken from its header
 * and refuse what the runtime should never parse. The envelope is the whole request, or the root part of a multipart
 * (MTOM) request, which must come first (its attachments follow, unread); it is read whole, at most
 * {@value #MAX_ENVELOPE_BYTES} bytes, and kept so that the request can be replayed to the runtime, which then parses
 * the same bytes: the boundary is the Content-Type's, the root part the one its {@code start} names, the encoding
 * UTF-8. Refused, with a message naming why: a DTD or entity reference (SOAP forbids them; nothing is expanded or
 * fetched), XML that is not well-formed, nesting deeper than {@value #MAX_DEPTH}, anything but a SOAP 1.1 or 1.2
 * envelope, a larger envelope, a body without an operation, another character set, or a multipart request whose
 * root part is not its first or not in plain binary, that has a preamble, or whose attachments are not exactly the
 * one its envelope refers to (if any), right after the envelope. Of that part only the headers are read. A typed field
 * of the operation (a number, flag, date, direction or inline document) must hold a value of its type
 * ({@link TypedRequestFields}), which the runtime would otherwise read leniently.
 */
public final class UsernameTokenReader {

    /**
     * The largest envelope, with its MIME part headers: documents travel as attachments, not in the envelope. Small,
     * because it is read before the caller is known: concurrent unsigned requests can hold no more than this each.
     */
    public static final int MAX_ENVELOPE_BYTES = 256 * 1024;
    /** The deepest nesting of elements an envelope may have. */
    public static final int MAX_DEPTH = 64;

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final QName XOP_INCLUDE = new QName("http://www.w3.org/2004/08/xop/include", "Include");
    /** The one operation that takes an attachment, and its element that holds it (records-1.xsd). */
    private static final String ATTACHMENT_OPERATION = "uploadRecord";
    private static final String ATTACHMENT_ELEMENT = "content";
    static final String PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    private static final XMLInputFactory XML = secureFactory();

    /** A username and password from a UsernameToken. The password is never logged or echoed. */
    public record UsernameToken(String username, char[] password) {
        @Override
        public String toString() {
            return "UsernameToken[" + username + "]";
        }
    }

    /**
     * What the header held, the body's first element (the operation), and every byte read (the envelope, in a
     * multipart request with its MIME headers and the start of what follows), to be replayed before the rest.
     */
    public record Header(boolean soap12, Optional<UsernameToken> token, QName operation, byte[] consumed) {
    }

    private UsernameTokenReader() {
    }

    /**
     * Reads the security header of the request {@code body} of {@code contentType}.
     *
     * @throws InvalidSoapRequestException if it is not a SOAP envelope this service reads (see above), or has a token
     *                                     without username or password, or with a hashed password
     */
    public static Header read(InputStream body, String contentType) throws IOException {
        RecordingStream recorded = new RecordingStream(body, MAX_ENVELOPE_BYTES + 1);
        ContentType type = contentType(contentType);
        boolean multipart = type.match("multipart/*");
        if (multipart) {
            String boundary = type.getParameter("boundary");
            if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
                throw new InvalidSoapRequestException("a multipart request needs a boundary (1 to 70 characters)");
            }
            recorded.skipToRootPart(boundary, type.getParameter("start"), type.getParameter("type"));
        } else {
            requireUtf8(type.getParameter("charset"));
        }
        XMLStreamReader xml = null;
        try {
            xml = XML.createXMLStreamReader(recorded, "UTF-8");
            Parsed parsed = parse(xml);
            recorded.drain();
            if (recorded.size() > MAX_ENVELOPE_BYTES) {
                throw tooLarge();
            }
            if (multipart) {
                requireOnlyTheAttachmentReferred(parsed.includes(), recorded.nextPartContentId());
            } else if (!parsed.includes().isEmpty()) {
                throw new InvalidSoapRequestException("the envelope refers to an attachment, but the request is not"
                        + " multipart (MTOM)");
            }
            return new Header(parsed.soap12(), parsed.token(), parsed.operation(), recorded.bytes());
        } catch (XMLStreamException e) {
            if (recorded.size() > MAX_ENVELOPE_BYTES) {
                throw tooLarge();
            }
            throw new InvalidSoapRequestException("the request is not well-formed XML");
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the bytes read are all in the recording
                }
            }
        }
    }

    /**
     * An MTOM request carries the one attachment its envelope refers to, if any, as the part right after the envelope.
     * The MIME parser keeps every part it passes on its way to the one an operation reads (in memory, or in a
     * temporary file in clear), so a part ahead of the document, or one no operation reads, is refused before the
     * runtime sees the request. Parts after the document are never parsed: the request ends when its document is read.
     *
     * @param next the Content-ID of the part after the envelope; {@code null} if there is none
     */
    private static void requireOnlyTheAttachmentReferred(List<String> includes, String next) {
        if (includes.size() > 1) {
            throw new InvalidSoapRequestException("the envelope refers to " + includes.size() + " attachments; an "
                    + "operation takes one at most");
        }
        if (includes.isEmpty()) {
            if (next != null) {
                throw new InvalidSoapRequestException("the request carries an attachment its envelope does not refer"
                        + " to");
            }
            return;
        }
        String href = includes.get(0);
        // as the runtime looks the part up: "cid:" in lower case, '+' decoded as a space; a part it would look up
        // elsewhere than here is refused
        if (!href.startsWith("cid:") || href.length() == 4 || href.indexOf('+') >= 0) {
            throw new InvalidSoapRequestException("an xop:Include must refer to a part of the request by a cid: URL "
                    + "(in lower case, without '+')");
        }
        if (next == null || !next.equals(PercentDecoding.leniently(href.substring(4)))) {
            throw new InvalidSoapRequestException("the attachment the envelope refers to must be the part right after"
                    + " the envelope");
        }
    }

    private static InvalidSoapRequestException tooLarge() {
        return new InvalidSoapRequestException("the SOAP envelope is larger than " + MAX_ENVELOPE_BYTES
                + " bytes: send documents as MTOM attachments");
    }

    /**
     * A request's media type, parsed as MIME defines it (parameters with special characters quoted).
     *
     * @throws InvalidSoapRequestException if it is malformed
     */
    public static ContentType contentType(String mediaType) {
        try {
            return new ContentType(mediaType == null ? "text/xml" : mediaType);
        } catch (ParseException e) {
            throw new InvalidSoapRequestException("the request's Content-Type is malformed");
        }
    }

    /** What the envelope says: its SOAP version, token and operation, and the attachments it refers to. */
    private record Parsed(boolean soap12, Optional<UsernameToken> token, QName operation, List<String> includes) {
    }

    private static void requireUtf8(String charset) {
        if (charset != null && !charset.strip().equalsIgnoreCase("utf-8")) {
            throw new InvalidSoapRequestException("the envelope must be UTF-8");
        }
    }

    private static Parsed parse(XMLStreamReader xml) throws XMLStreamException {
        String envelope = null;
        QName operation = null;
        boolean inBody = false;
        boolean inHeader = false;
        boolean inSecurity = false;
        String username = null;
        char[] password = null;
        List<String> includes = new ArrayList<>();
        int depth = 0;
        String parent = null;
        // the text of an inline document (uploadRecord's content), while it is read
        StringBuilder inline = null;
        int includesBefore = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new InvalidSoapRequestException("a SOAP message may not contain a DTD or entity references");
            }
            if (inline != null && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                inline.append(xml.getText());
                continue;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (inline != null && depth == 3) {
                    if (includes.size() == includesBefore) {
                        TypedRequestFields.check(TypedRequestFields.Form.BASE64, parent, inline.toString());
                    }
                    inline = null;
                }
                if (inSecurity && depth == 2) {
                    inSecurity = false;
                }
                if (inHeader && depth == 1) {
                    inHeader = false;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            if (depth > MAX_DEPTH) {
                throw new InvalidSoapRequestException("the envelope nests elements deeper than " + MAX_DEPTH);
            }
            String ns = xml.getNamespaceURI();
            String name = xml.getLocalName();
            if (depth == 4) {
                parent = name;
            }
            TypedRequestFields.Form form = depth == 4 && inBody && operation != null
                    ? TypedRequestFields.of(operation, new QName(ns == null ? "" : ns, name)) : null;
            if (form == TypedRequestFields.Form.BASE64) {
                inline = new StringBuilder();
                includesBefore = includes.size();
            } else if (form != null) {
                TypedRequestFields.check(form, name, textOnly(xml, name));
                depth--;
                continue;
            }
            if (depth == 1) {
                if (!"Envelope".equals(name) || !(SOAP11.equals(ns) || SOAP12.equals(ns))) {
                    throw new InvalidSoapRequestException("the request is not a SOAP 1.1 or 1.2 envelope");
                }
                envelope = ns;
            } else if (depth == 2 && envelope.equals(ns) && "Header".equals(name)) {
                inHeader = true;
            } else if (depth == 2 && envelope.equals(ns) && "Body".equals(name)) {
                inBody = true;
            } else if (depth == 3 && inBody && operation == null) {
                operation = new QName(ns == null ? "" : ns, name);
            } else if (XOP_INCLUDE.equals(new QName(ns == null ? "" : ns, name))) {
                // the runtime turns an include anywhere else into text, the whole part in memory
                if (depth != 5 || !inBody || operation == null || !ATTACHMENT_OPERATION.equals(operation.getLocalPart())
                        || !ATTACHMENT_ELEMENT.equals(parent)) {
                    throw new InvalidSoapRequestException("an xop:Include is accepted only as the content of "
                            + ATTACHMENT_OPERATION);
                }
                includes.add(Objects.requireNonNullElse(xml.getAttributeValue(null, "href"), ""));
            } else if (depth == 3 && inHeader && WSSE.equals(ns) && "Security".equals(name)) {
                inSecurity = true;
            } else if (inSecurity && WSSE.equals(ns) && "Username".equals(name)) {
                username = xml.getElementText().strip();
                depth--;
            } else if (inSecurity && WSSE.equals(ns) && "Password".equals(name)) {
                String type = xml.getAttributeValue(null, "Type");
                if (type != null && !PASSWORD_TEXT.equals(type.strip())) {
                    throw new InvalidSoapRequestException("only PasswordText UsernameTokens are accepted (over "
                            + "HTTPS); the password type given is not supported");
                }
                password = xml.getElementText().toCharArray();
                depth--;
            }
        }
        if (envelope == null) {
            throw new InvalidSoapRequestException("the request is not a SOAP 1.1 or 1.2 envelope");
        }
        Optional<UsernameToken> token = Optional.empty();
        if (username != null || password != null) {
            if (username == null || username.isEmpty() || password == null) {
                throw new InvalidSoapRequestException("the UsernameToken needs a Username and a Password");
            }
            token = Optional.of(new UsernameToken(username, password));
        }
        if (operation == null) {
            throw new InvalidSoapRequestException("the SOAP body names no operation");
        }
        return new Parsed(SOAP12.equals(envelope), token, operation, includes);
    }

    /** The text of the element {@code name} the reader is at, which may hold no element; the reader ends at its end. */
    private static String textOnly(XMLStreamReader xml, String name) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.START_ELEMENT ->
                        throw new InvalidSoapRequestException(name + " must hold a value, not an element");
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new InvalidSoapRequestException("a SOAP message may not contain a DTD or entity "
                                + "references");
                default -> {
                    // comments and processing instructions are not part of the value
                }
            }
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("no external resource is fetched");
        });
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException notSupported) {
            // DTDs are off already
        }
        return factory;
    }

    /**
     * Passes a stream through, keeping what was read, up to a limit past which it ends early. In a multipart request
     * it ends where the first part (the envelope) ends, so that no parser reads ahead into an attachment.
     */
    private static final class RecordingStream extends InputStream {

        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        private final byte[] pending = new byte[8192];
        private int pendingStart;
        private int pendingEnd;
        private byte[] delimiter;
        private boolean ended;
        private boolean exhausted;
        /** The root part's Content-ID, without angle brackets; {@code null} if it has none. */
        private String rootContentId;

        RecordingStream(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int need = delimiter == null ? 1 : delimiter.length;
            while (!ended && pendingEnd - pendingStart < need && fill()) {
                // until the delimiter could be recognised, or the stream ends
            }
            int available = pendingEnd - pendingStart;
            if (ended || available == 0) {
                return -1;
            }
            int safe = available;
            if (delimiter != null) {
                int at = indexOfDelimiter();
                if (at == pendingStart) {
                    ended = true;
                    return -1;
                }
                safe = at >= 0 ? at - pendingStart : Math.max(available - delimiter.length + 1,
                        available < delimiter.length ? available : 1);
            }
            int n = Math.min(len, safe);
            System.arraycopy(pending, pendingStart, b, off, n);
            pendingStart += n;
            return n;
        }

        private boolean fill() throws IOException {
            if (pendingStart > 0) {
                System.arraycopy(pending, pendingStart, pending, 0, pendingEnd - pendingStart);
                pendingEnd -= pendingStart;
                pendingStart = 0;
            }
            int room = Math.min(pending.length - pendingEnd, limit - recorded.size());
            if (room <= 0) {
                exhausted = recorded.size() >= limit;
                return false;
            }
            int n = in.read(pending, pendingEnd, room);
            if (n <= 0) {
                return false;
            }
            recorded.write(pending, pendingEnd, n);
            pendingEnd += n;
            return true;
        }

        private int indexOfDelimiter() {
            outer:
            for (int i = pendingStart; i <= pendingEnd - delimiter.length; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (pending[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /**
         * Skips a multipart body's preamble, first delimiter and root part's headers (read, and recorded), checking
         * that this first part is the root {@code start} names, of the media type {@code type} names, in UTF-8 and
         * plain binary; from then on the stream ends where the next delimiter begins. A root part with two
         * Content-IDs or two Content-Types is refused: the runtime's MIME parser takes the first, and would then read
         * another part as the envelope, or decide MTOM otherwise than this service does.
         */
        void skipToRootPart(String boundary, String start, String type) throws IOException {
            String first = "--" + boundary;
            boolean inHeaders = false;
            String mediaType = null;
            String text;
            while ((text = readLine()) != null) {
                if (!inHeaders) {
                    // no preamble: MIME parsers differ on a delimiter within one, and so on which part is first
                    if (!text.isEmpty() && !text.equals(first)) {
                        throw new InvalidSoapRequestException("a multipart request must begin with its first boundary"
                                + " delimiter, with nothing before it");
                    }
                    inHeaders = text.equals(first);
                    continue;
                }
                if (text.isEmpty()) {
                    if (start != null && !stripAngles(start).equals(rootContentId)) {
                        throw new InvalidSoapRequestException("the root part (the start parameter's) must be the "
                                + "first part");
                    }
                    if (type == null || !type.equalsIgnoreCase(mediaType)) {
                        throw new InvalidSoapRequestException("the multipart request's type parameter must name its "
                                + "root part's media type");
                    }
                    delimiter = ("\r\n" + first).getBytes(StandardCharsets.US_ASCII);
                    return;
                }
                int colon = text.indexOf(':');
                String name = colon < 0 ? text : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : text.substring(colon + 1).strip();
                switch (name) {
                    case "content-id" -> {
                        if (rootContentId != null) {
                            throw new InvalidSoapRequestException("the root part has two Content-IDs");
                        }
                        rootContentId = stripAngles(value);
                    }
                    case "content-type" -> {
                        if (mediaType != null) {
                            throw new InvalidSoapRequestException("the root part has two Content-Types");
                        }
                        ContentType rootType = contentType(value);
                        requireUtf8(rootType.getParameter("charset"));
                        mediaType = rootType.getBaseType();
                    }
                    case "content-transfer-encoding" -> {
                        if (!Set.of("7bit", "8bit", "binary").contains(value.toLowerCase(Locale.ROOT))) {
                            throw new InvalidSoapRequestException("the root part must be sent in binary, 8bit "
                                    + "or 7bit, not " + value);
                        }
                    }
                    default -> {
                        // other part headers do not change how the envelope reads
                    }
                }
            }
            throw new InvalidSoapRequestException(exhausted ? "the MIME headers are larger than " + limit + " bytes"
                    : "the multipart request has no part opened by its boundary");
        }

        private static String stripAngles(String id) {
            String stripped = id.strip();
            return stripped.startsWith("<") && stripped.endsWith(">")
                    ? stripped.substring(1, stripped.length() - 1) : stripped;
        }

        /**
         * After the envelope: reads the delimiter that ends it and, unless that closes the body, the next part's
         * headers (recorded, as all read). Answers that part's Content-ID without angle brackets ({@code ""} if it
         * has none), or {@code null} when no part follows.
         */
        String nextPartContentId() throws IOException {
            String next = new String(delimiter, StandardCharsets.US_ASCII).substring(2);
            String close = next + "--";
            delimiter = null;
            ended = false;
            String line = readLine();
            while (line != null && line.isEmpty()) {
                line = readLine();
            }
            if (line == null || line.startsWith(close)) {
                return null;
            }
            if (!line.equals(next)) {
                throw new InvalidSoapRequestException("the envelope part does not end at a boundary delimiter");
            }
            String contentId = null;
            while ((line = readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-id")) {
                    if (contentId != null) {
                        // the runtime's parser keys the part by one of them, this reader by another
                        throw new InvalidSoapRequestException("the part after the envelope has two Content-IDs");
                    }
                    contentId = stripAngles(line.substring(colon + 1));
                    if (contentId.equals(rootContentId)) {
                        throw new InvalidSoapRequestException("the part after the envelope has the root part's "
                                + "Content-ID");
                    }
                }
            }
            if (line == null) {
                throw new InvalidSoapRequestException(exhausted ? "the MIME headers are larger than " + limit
                        + " bytes" : "the part after the envelope ends in its headers");
            }
            return contentId == null ? "" : contentId;
        }

        /** The next line, stripped of white space (its CR too); {@code null} at the end of what may be read. */
        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = read()) >= 0) {
                if (c == '\n') {
                    return line.toString().strip();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString().strip();
        }

        /** Reads the rest of the envelope (what the parser did not need), up to the limit. */
        void drain() throws IOException {
            byte[] skipped = new byte[8192];
            while (read(skipped, 0, skipped.length) >= 0) {
                // recorded as read
            }
        }

        int size() {
            return recorded.size();
        }

        byte[] bytes() {
            return recorded.toByteArray();
        }
    }
}
