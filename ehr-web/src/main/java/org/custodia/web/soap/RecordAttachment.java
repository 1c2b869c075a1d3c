package org.custodia.web.soap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
 * only a record of at most {@value #MAX_INLINE} bytes, which is checked whole before release anyway. Written once;
 * the record's key is destroyed afterwards.
 */
final class RecordAttachment extends DataHandler {

    /** The largest record sent inline to a client that does not take MTOM. */
    static final long MAX_INLINE = OpenedRecord.CHECKED_BEFORE_RELEASE;

    private final OpenedRecord opened;

    private RecordAttachment(OpenedRecord opened) {
        super(new Inline(opened));
        this.opened = opened;
    }

    /**
     * The record as a response's content. Writing it closes the record; the caller also has it closed at the
     * request's end ({@link OpenedRecords}), for a response that fails before it is written.
     *
     * @throws IllegalArgumentException if it is too large to go inline and the client does not take MTOM
     */
    static RecordAttachment of(OpenedRecord opened, boolean mtom) {
        if (!mtom && opened.details().size() > MAX_INLINE) {
            throw new IllegalArgumentException("records larger than " + MAX_INLINE + " bytes are sent only as MTOM "
                    + "attachments: send the request as MTOM, or with Accept: application/xop+xml (any client with "
                    + "MTOM enabled does)");
        }
        return new RecordAttachment(opened);
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

    /** The content read whole, for a small record sent inline. */
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
            long size = opened.details().size();
            if (size > MAX_INLINE) {
                throw new IOException("a record larger than " + MAX_INLINE + " bytes is sent only as an attachment");
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream((int) size);
            try (opened) {
                opened.writeTo(content);
            }
            return new ByteArrayInputStream(content.toByteArray());
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
