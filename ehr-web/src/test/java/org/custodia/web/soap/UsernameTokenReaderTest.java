package org.custodia.web.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class UsernameTokenReaderTest {

    private static final String TOKEN = "<wsse:Security S:mustUnderstand=\"1\" xmlns:wsse=\""
            + UsernameTokenReader.WSSE + "\"><wsse:UsernameToken><wsse:Username> nurse.ann </wsse:Username>"
            + "<wsse:Password Type=\"" + UsernameTokenReader.PASSWORD_TEXT + "\">s3cret &amp; more</wsse:Password>"
            + "</wsse:UsernameToken></wsse:Security>";
    private static final String BODY = "<S:Body><c:getPatient xmlns:c=\"urn:custodia:records:1\">"
            + "<c:patientId>x</c:patientId></c:getPatient></S:Body>";

    private static final String MTOM = "multipart/related; type=\"application/xop+xml\"; boundary=\"uuid:b1\"";

    private static String envelope(String ns, String header) {
        return envelope(ns, header, BODY);
    }

    private static String envelope(String ns, String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><S:Envelope xmlns:S=\"" + ns + "\"><S:Header>" + header
                + "</S:Header>" + body + "</S:Envelope>";
    }

    /** An upload whose content is the attachments {@code hrefs} name (one, as the contract has it). */
    private static String upload(String... hrefs) {
        StringBuilder body = new StringBuilder("<S:Body><c:uploadRecord xmlns:c=\"urn:custodia:records:1\">"
                + "<c:patientId>x</c:patientId>");
        for (String href : hrefs) {
            body.append("<c:content><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"")
                    .append(href).append("\"/></c:content>");
        }
        return envelope(UsernameTokenReader.SOAP11, TOKEN, body.append("</c:uploadRecord></S:Body>").toString());
    }

    /** An MTOM request: the envelope, then each part of {@code attachments} (a Content-ID and its text). */
    private static String mtom(String envelope, String... attachments) {
        StringBuilder message = new StringBuilder("--uuid:b1\r\nContent-Type: application/xop+xml; charset=utf-8; "
                + "type=\"text/xml\"\r\nContent-ID: <root@x>\r\n\r\n").append(envelope);
        for (int i = 0; i < attachments.length; i += 2) {
            message.append("\r\n--uuid:b1\r\nContent-Type: application/octet-stream\r\nContent-ID: <")
                    .append(attachments[i]).append(">\r\n\r\n").append(attachments[i + 1]);
        }
        return message.append("\r\n--uuid:b1--\r\n").toString();
    }

    @Test
    void readsTheTokenOfASoap11Request() throws IOException {
        UsernameTokenReader.Header header = read(envelope(UsernameTokenReader.SOAP11, TOKEN), "text/xml");
        assertFalse(header.soap12());
        assertEquals("nurse.ann", header.token().orElseThrow().username());
        assertArrayEquals("s3cret & more".toCharArray(), header.token().orElseThrow().password());
    }

    @Test
    void readsTheTokenOfASoap12Request() throws IOException {
        UsernameTokenReader.Header header = read(envelope(UsernameTokenReader.SOAP12, TOKEN),
                "application/soap+xml");
        assertTrue(header.soap12());
        assertEquals("nurse.ann", header.token().orElseThrow().username());
    }

    @Test
    void readsTheRootPartOfAnMtomRequestAndKeepsEveryByteItRead() throws IOException {
        String root = upload("cid:doc%40x");
        byte[] attachment = new byte[3 << 20];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31);
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(("--uuid:b1\r\nContent-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\n"
                + "Content-ID: <root@x>\r\n\r\n" + root + "\r\n--uuid:b1\r\nContent-Type: application/octet-stream"
                + "\r\nContent-ID: <doc@x>\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(attachment);
        message.writeBytes("\r\n--uuid:b1--\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] sent = message.toByteArray();
        ByteArrayInputStream wire = new ByteArrayInputStream(sent);

        UsernameTokenReader.Header header = UsernameTokenReader.read(wire, MTOM);

        assertEquals("nurse.ann", header.token().orElseThrow().username());
        assertTrue(header.consumed().length <= UsernameTokenReader.MAX_ENVELOPE_BYTES);
        assertEquals(new javax.xml.namespace.QName("urn:custodia:records:1", "uploadRecord"), header.operation());
        InputStream replayed = new SequenceInputStream(new ByteArrayInputStream(header.consumed()), wire);
        assertArrayEquals(sent, replayed.readAllBytes(), "the replayed request is the request sent");
    }

    @Test
    void readsOnlyAMultipartRequestWhoseRootIsItsFirstPartInItsOwnBoundary() {
        String root = envelope(UsernameTokenReader.SOAP11, TOKEN);
        String parts = "--b1\r\nContent-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\n"
                + "Content-ID: <first@x>\r\n\r\n" + root + "\r\n--b1\r\nContent-ID: <second@x>\r\n\r\n"
                + root + "\r\n--b1--\r\n";
        String type = "multipart/related; type=\"application/xop+xml\"; boundary=b1";
        assertThrows(InvalidSoapRequestException.class, () -> read(parts, type + "; start=\"<second@x>\""),
                "the runtime would parse the second part");
        assertThrows(InvalidSoapRequestException.class, () -> read(parts, type.replace("b1", "b2")),
                "another boundary than the header's");
        assertThrows(InvalidSoapRequestException.class, () -> read(parts, "multipart/related"), "no boundary");
        assertThrows(InvalidSoapRequestException.class,
                () -> read(parts.replace("charset=utf-8", "charset=utf-16"), type), "not UTF-8");
        assertThrows(InvalidSoapRequestException.class, () -> read(parts.replace("Content-ID: <first@x>",
                "Content-Transfer-Encoding: base64\r\nContent-ID: <first@x>"), type), "an encoded root part");
        assertThrows(InvalidSoapRequestException.class, () -> read(root, "text/xml; charset=ISO-8859-1"));
    }

    /**
     * The MIME parser keeps every part it passes on its way to the one an operation reads: in memory, or in a
     * temporary file in clear. So a request carries only the attachment its envelope refers to, right after it.
     */
    @Test
    void takesOnlyTheAttachmentTheEnvelopeRefersToRightAfterIt() throws IOException {
        assertEquals("uploadRecord", read(mtom(upload("cid:doc@x"), "doc@x", "document"), MTOM).operation()
                .getLocalPart());
        assertEquals("getPatient", read(mtom(envelope(UsernameTokenReader.SOAP11, TOKEN)), MTOM).operation()
                .getLocalPart(), "an MTOM request without attachments");

        assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(upload("cid:doc@x"), "junk@x", "x".repeat(4096), "doc@x", "document"), MTOM),
                "a part ahead of the document");
        assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(envelope(UsernameTokenReader.SOAP11, TOKEN), "junk@x", "never read"), MTOM),
                "a part no operation reads");
        assertThrows(InvalidSoapRequestException.class, () -> read(mtom(upload("cid:doc@x")), MTOM),
                "a reference to no part");
        assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(upload("cid:doc@x", "cid:doc@x"), "doc@x", "document"), MTOM), "two references");
        assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(upload("http://elsewhere.example/doc"), "doc@x", "document"), MTOM),
                "a reference that is no cid: URL");
        assertThrows(InvalidSoapRequestException.class, () -> read(upload("cid:doc@x"), "text/xml"),
                "a reference in a request that has no parts");
    }

    /**
     * The runtime reads an xop:Include anywhere as text, the whole part in memory, and looks a part up its own way:
     * an include outside the upload's content, and a reference or part it would resolve otherwise than this reader
     * does, are refused. Before, a 1 GiB part named as a patient's MRN was read into the heap.
     */
    @Test
    void takesAnAttachmentOnlyAsTheUploadsContentAndOnlyWhereTheRuntimeFindsIt() {
        String inMrn = envelope(UsernameTokenReader.SOAP11, TOKEN, "<S:Body><c:findPatient "
                + "xmlns:c=\"urn:custodia:records:1\"><c:mrn><xop:Include "
                + "xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:doc@x\"/></c:mrn>"
                + "</c:findPatient></S:Body>");
        InvalidSoapRequestException refused = assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(inMrn, "doc@x", "x".repeat(4096)), MTOM));
        assertTrue(refused.getMessage().contains("only as the content of uploadRecord"), refused.getMessage());
        String inHeader = envelope(UsernameTokenReader.SOAP11, TOKEN + "<xop:Include "
                + "xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:doc@x\"/>", BODY);
        assertThrows(InvalidSoapRequestException.class, () -> read(mtom(inHeader, "doc@x", "document"), MTOM),
                "in the header");

        assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(upload("CID:doc@x"), "doc@x", "document"), MTOM), "an upper-case scheme");
        assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(upload("cid:doc+1@x"), "doc+1@x", "document"), MTOM), "a '+'");
        assertThrows(InvalidSoapRequestException.class,
                () -> read(mtom(upload("cid:"), "", "document"), MTOM), "an empty reference");
        String twoIds = "--uuid:b1\r\nContent-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\n"
                + "Content-ID: <root@x>\r\n\r\n" + upload("cid:doc@x") + "\r\n--uuid:b1\r\n"
                + "Content-Type: application/octet-stream\r\nContent-ID: <other@x>\r\nContent-ID: <doc@x>\r\n\r\n"
                + "document\r\n--uuid:b1--\r\n";
        assertThrows(InvalidSoapRequestException.class, () -> read(twoIds, MTOM), "a part with two Content-IDs");
    }

    /**
     * The runtime's MIME parser takes a delimiter inside the first line for the first one; the part it would then
     * run is not the one read here. So nothing may come before the first delimiter but empty lines.
     */
    @Test
    void refusesAPreambleBeforeTheFirstDelimiter() throws IOException {
        String request = mtom(envelope(UsernameTokenReader.SOAP11, TOKEN));
        assertEquals("getPatient", read("\r\n" + request, MTOM).operation().getLocalPart());
        assertThrows(InvalidSoapRequestException.class, () -> read("X" + request, MTOM));
        assertThrows(InvalidSoapRequestException.class, () -> read("a preamble\r\n" + request, MTOM));
    }

    @Test
    void readsTheRootPartTheStartParameterNamesWhenItIsFirst() throws IOException {
        String parts = "--b1\r\nContent-Type: text/xml; charset=utf-8\r\nContent-ID: <first@x>\r\n\r\n"
                + envelope(UsernameTokenReader.SOAP11, TOKEN) + "\r\n--b1--\r\n";
        UsernameTokenReader.Header header = read(parts,
                "multipart/related; type=\"text/xml\"; boundary=\"b1\"; start=\"<first@x>\"");
        assertEquals("nurse.ann", header.token().orElseThrow().username());
    }

    /**
     * The runtime's MIME parser names a part by its first Content-ID and decides MTOM by the root part's own media
     * type: a root part with two of either, or a type other than the request's {@code type} parameter, would have the
     * runtime run another envelope than the one read here, or answer otherwise than the service expects.
     */
    @Test
    void refusesARootPartTheRuntimeWouldReadOtherwise() throws IOException {
        String upload = upload("cid:doc@x");
        String headers = "Content-Type: application/xop+xml; charset=utf-8; type=\"text/xml\"\r\n"
                + "Content-ID: <root@x>\r\n";
        String attachment = "\r\n--uuid:b1\r\nContent-Type: application/octet-stream\r\nContent-ID: <doc@x>\r\n\r\n"
                + "document\r\n--uuid:b1--\r\n";
        String start = MTOM + "; start=\"<doc@x>\"";
        assertEquals("uploadRecord", read("--uuid:b1\r\n" + headers + "\r\n" + upload + attachment, MTOM)
                .operation().getLocalPart(), "as sent by a client of the contract");

        String mismatch = "the multipart request's type parameter must name its root part's media type";
        assertEquals("the root part has two Content-IDs", assertThrows(InvalidSoapRequestException.class,
                () -> read("--uuid:b1\r\n" + headers + "Content-ID: <doc@x>\r\n\r\n" + upload + attachment, start))
                .getMessage(), "two Content-IDs, the last the start");
        assertEquals("the root part has two Content-Types", assertThrows(InvalidSoapRequestException.class,
                () -> read("--uuid:b1\r\n" + headers + "Content-Type: text/xml\r\n\r\n" + upload + attachment, MTOM))
                .getMessage());
        assertEquals(mismatch, assertThrows(InvalidSoapRequestException.class, () -> read("--uuid:b1\r\n"
                + headers.replace("application/xop+xml", "text/xml") + "\r\n" + upload + attachment, MTOM))
                .getMessage(), "an inline root part in a request that says MTOM");
        assertEquals(mismatch, assertThrows(InvalidSoapRequestException.class, () -> read("--uuid:b1\r\n" + headers
                + "\r\n" + upload + attachment, "multipart/related; boundary=\"uuid:b1\"")).getMessage(),
                "no type parameter");
        assertEquals("the part after the envelope has the root part's Content-ID",
                assertThrows(InvalidSoapRequestException.class, () -> read("--uuid:b1\r\n" + headers + "\r\n"
                        + upload("cid:root@x") + attachment.replace("doc@x", "root@x"), MTOM)).getMessage());
    }

    @Test
    void refusesAMalformedContentType() {
        String envelope = envelope(UsernameTokenReader.SOAP11, TOKEN);
        assertThrows(InvalidSoapRequestException.class,
                () -> read(envelope, "multipart/related; boundary=b1; start=<unquoted@x>"));
        assertThrows(InvalidSoapRequestException.class, () -> read(envelope, "text/xml; charset="));
    }

    @Test
    void aRequestWithoutATokenHasNone() throws IOException {
        assertTrue(read(envelope(UsernameTokenReader.SOAP11, ""), "text/xml").token().isEmpty());
        String noHeader = "<S:Envelope xmlns:S=\"" + UsernameTokenReader.SOAP11 + "\">" + BODY + "</S:Envelope>";
        assertTrue(read(noHeader, "text/xml").token().isEmpty());
    }

    @Test
    void refusesADtdBeforeExpandingAnything() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE S:Envelope [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<S:Envelope xmlns:S=\"" + UsernameTokenReader.SOAP11 + "\"><S:Header>&c;</S:Header>" + BODY
                + "</S:Envelope>";
        InvalidSoapRequestException refused = assertThrows(InvalidSoapRequestException.class,
                () -> read(bomb, "text/xml"));
        assertTrue(refused.getMessage().contains("DTD"), refused.getMessage());
    }

    @Test
    void refusesAnExternalEntity() {
        String external = "<?xml version=\"1.0\"?><!DOCTYPE S:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<S:Envelope xmlns:S=\"" + UsernameTokenReader.SOAP11 + "\"><S:Header>&x;</S:Header>" + BODY
                + "</S:Envelope>";
        assertThrows(InvalidSoapRequestException.class, () -> read(external, "text/xml"));
    }

    @Test
    void refusesWhatIsNotASoapEnvelope() {
        assertThrows(InvalidSoapRequestException.class,
                () -> read("<Envelope xmlns=\"urn:other\"><Body/></Envelope>", "text/xml"));
        assertThrows(InvalidSoapRequestException.class, () -> read("not xml at all", "text/xml"));
        assertThrows(InvalidSoapRequestException.class, () -> read("", "text/xml"));
    }

    @Test
    void refusesAnEnvelopeLargerThanItsLimitWhereverTheTextIs() {
        String huge = "p".repeat(UsernameTokenReader.MAX_ENVELOPE_BYTES);
        String inBody = envelope(UsernameTokenReader.SOAP11, TOKEN).replace("<c:patientId>x", "<c:patientId>" + huge);
        InvalidSoapRequestException refused = assertThrows(InvalidSoapRequestException.class,
                () -> read(inBody, "text/xml"));
        assertTrue(refused.getMessage().contains("larger than"), refused.getMessage());
        String inHeader = envelope(UsernameTokenReader.SOAP11, "<x:pad xmlns:x=\"urn:pad\">" + huge + "</x:pad>");
        assertThrows(InvalidSoapRequestException.class, () -> read(inHeader, "text/xml"));
    }

    @Test
    void refusesDeepNesting() {
        int depth = UsernameTokenReader.MAX_DEPTH;
        String deep = envelope(UsernameTokenReader.SOAP11, TOKEN).replace("<c:patientId>x",
                "<c:patientId>" + "<n>".repeat(depth) + "x" + "</n>".repeat(depth));
        InvalidSoapRequestException refused = assertThrows(InvalidSoapRequestException.class,
                () -> read(deep, "text/xml"));
        assertTrue(refused.getMessage().contains("deeper"), refused.getMessage());
    }

    @Test
    void refusesMalformedXmlAnywhereInTheEnvelope() {
        String unclosed = envelope(UsernameTokenReader.SOAP11, TOKEN).replace("</c:patientId>", "");
        InvalidSoapRequestException refused = assertThrows(InvalidSoapRequestException.class,
                () -> read(unclosed, "text/xml"));
        assertTrue(refused.getMessage().contains("well-formed"), refused.getMessage());
    }

    @Test
    void refusesABodyWithoutOperation() {
        String empty = envelope(UsernameTokenReader.SOAP11, TOKEN).replace(BODY, "<S:Body/>");
        assertThrows(InvalidSoapRequestException.class, () -> read(empty, "text/xml"));
    }

    @Test
    void refusesADigestPasswordAndATokenWithoutPassword() {
        String digest = TOKEN.replace(UsernameTokenReader.PASSWORD_TEXT, UsernameTokenReader.PASSWORD_TEXT
                .replace("PasswordText", "PasswordDigest"));
        assertThrows(InvalidSoapRequestException.class,
                () -> read(envelope(UsernameTokenReader.SOAP11, digest), "text/xml"));
        String noPassword = TOKEN.replaceAll("<wsse:Password.*</wsse:Password>", "");
        assertThrows(InvalidSoapRequestException.class,
                () -> read(envelope(UsernameTokenReader.SOAP11, noPassword), "text/xml"));
    }

    @Test
    void neverShowsThePassword() throws IOException {
        UsernameTokenReader.Header header = read(envelope(UsernameTokenReader.SOAP11, TOKEN), "text/xml");
        assertFalse(header.token().orElseThrow().toString().contains("s3cret"));
    }

    private static UsernameTokenReader.Header read(String message, String contentType) throws IOException {
        return UsernameTokenReader.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                contentType);
    }
}
