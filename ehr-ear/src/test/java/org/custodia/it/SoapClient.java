package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.xml.datatype.DatatypeFactory;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.MTOMFeature;

import com.sun.xml.ws.developer.JAXWSProperties;
import com.sun.xml.ws.developer.StreamingAttachmentFeature;
import com.sun.xml.ws.developer.StreamingDataHandler;

import org.custodia.it.soap.Patient;
import org.custodia.it.soap.Record;
import org.custodia.it.soap.Records;
import org.custodia.it.soap.RecordsService;
import org.custodia.it.soap.RegisterPatient;
import org.custodia.it.soap.UploadRecord;

/**
 * A staff member's integration software calling the records service over SOAP, through the client generated from
 * the contract ({@code wsimport}) and configured from the WSDL the node publishes: Metro reads its WS-SecurityPolicy
 * and sends the account's UsernameToken, and its MTOM policy, so documents travel as attachments (the request
 * streamed in chunks; the response's attachment see {@link #ATTACHMENTS}).
 */
final class SoapClient {

    /**
     * Where this client's Metro keeps the attachments of responses: its WS-Security layer (which follows the WSDL's
     * policy) reads a whole response before handing it over, so a downloaded record lands here first (the node
     * streams it; the node's own temporary directory stays empty, which the tests check).
     */
    static final Path ATTACHMENTS = Path.of("target", "soap-client-attachments").toAbsolutePath();

    private SoapClient() {
    }

    /** Deletes the attachments this client's Metro kept. */
    static void deleteKeptAttachments() {
        try (Stream<Path> kept = Files.list(ATTACHMENTS)) {
            for (Path file : kept.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records service as {@code staff}, over SOAP 1.1 ({@code RecordsPort}) or 1.2 ({@code RecordsPort12}). */
    static Records as(String baseUrl, StaffClient staff, boolean soap12) {
        TestTrust.installAsDefault();
        try {
            Files.createDirectories(ATTACHMENTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URL wsdl = url(baseUrl + "/custodia/RecordsService?wsdl");
        RecordsService service = new RecordsService(wsdl);
        StreamingAttachmentFeature streaming = new StreamingAttachmentFeature(ATTACHMENTS.toString(), false, 4L << 20);
        Records port = soap12 ? service.getRecordsPort12(new MTOMFeature(true), streaming)
                : service.getRecordsPort(new MTOMFeature(true), streaming);
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.USERNAME_PROPERTY, staff.username());
        context.put(BindingProvider.PASSWORD_PROPERTY, staff.password());
        context.put(JAXWSProperties.HTTP_CLIENT_STREAMING_CHUNK_SIZE, 64 * 1024);
        context.put(JAXWSProperties.SSL_SOCKET_FACTORY, TestTrust.CONTEXT.getSocketFactory());
        return port;
    }

    static Records as(StaffClient staff) {
        return as(TestNode.baseUrl(), staff, false);
    }

    /** Registers a patient with {@code nationalId} as {@code clerk}. */
    static Patient register(Records clerk, String familyName, String nationalId) throws Exception {
        RegisterPatient registration = new RegisterPatient();
        registration.setMrn("MRN-S-" + UUID.randomUUID().toString().substring(0, 8));
        registration.setFamilyName(familyName);
        registration.setGivenName("Thandi");
        registration.setBirthDate(DatatypeFactory.newInstance().newXMLGregorianCalendar("1968-11-02"));
        registration.setNationalId(nationalId);
        return clerk.registerPatient(registration).getPatient();
    }

    /** Uploads {@code content} as an MTOM attachment and answers the stored record. */
    static Record upload(Records staff, String patient, String category, String contentType,
            GeneratedContent content) throws Exception {
        UploadRecord upload = new UploadRecord();
        upload.setPatientId(patient);
        upload.setCategory(category);
        upload.setTitle("SOAP " + category);
        upload.setContentType(contentType);
        upload.setContent(document(contentType, content));
        return staff.uploadRecord(upload).getRecord();
    }

    /** A document to upload, streamed from {@code content} when Metro writes the attachment. */
    static DataHandler document(String contentType, GeneratedContent content) {
        return new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return content.stream();
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("read only");
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public String getName() {
                return "document";
            }
        });
    }

    /** A downloaded attachment's bytes as they arrive, read once. */
    static InputStream content(DataHandler attachment) {
        try {
            return attachment instanceof StreamingDataHandler streaming ? streaming.readOnce()
                    : attachment.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(String text) {
        try {
            return URI.create(text).toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
