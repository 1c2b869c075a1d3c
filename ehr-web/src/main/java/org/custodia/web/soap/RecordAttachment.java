package org.custodia.web.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;

import org.custodia.records.OpenedRecord;
import org.custodia.records.RecordDetails;
import org.custodia.web.security.ServedContentType;

/**
 * An opened record as the content of a response. As an MTOM attachment, Metro writes it with
 * {@link DataHandler#writeTo(OutputStream)}, which here decrypts straight into the response, each segment
 * authenticated before it is sent (as REST's download). Inline (base64 in the envelope, for a client without MTOM)
 * Metro reads its data source's stream: only a record of at most {@value #MAX_INLINE} bytes goes inline (the
 * endpoint opens it with that limit), read in place from the checked plaintext that closing the record wipes.
 * Written once; the record's key is destroyed afterwards.
 */
final class RecordAttachment extends DataHandler {

    /** The largest record sent inline to a client that does not take MTOM. */
    static final long MAX_INLINE = OpenedRecord.CHECKED_BEFORE_RELEASE;

    /** What a client without MTOM is told when it asks for a larger record. */
    static final String LARGER_AS_MTOM = "records larger than " + MAX_INLINE + " bytes are sent only as MTOM "
            + "attachments: send the request as MTOM, or with Accept: application/xop+xml (any client with MTOM "
            + "enabled does)";

    private final OpenedRecord opened;

    /**
     * The record as a response's content. Writing it closes the record; the caller also has it closed at the
     * request's end ({@link org.custodia.web.ClosedAtRequestEnd}), for a response that fails before it is written
     * and for inline content.
     */
    RecordAttachment(OpenedRecord opened) {
        super(new Inline(opened));
        this.opened = opened;
    }

    RecordDetails details() {
        return opened.details();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (opened) {
            opened.writeTo(out);
        }
    }

    /** The checked plaintext of a small record, read in place for content sent inline. */
    private static final class Inline implements DataSource {

        private final OpenedRecord opened;

        Inline(OpenedRecord opened) {
            this.opened = opened;
        }

        @Override
        public String getContentType() {
            return ServedContentType.of(opened.details().contentType());
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return opened.checkedPlaintext();
            } catch (IllegalStateException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("a record's content cannot be written to");
        }

        @Override
        public String getName() {
            return "record";
        }
    }
}
