package org.custodia.web.soap;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;

import jakarta.activation.DataHandler;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.mail.internet.ContentType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.soap.MTOM;

import com.sun.xml.ws.developer.StreamingAttachment;
import com.sun.xml.ws.developer.StreamingDataHandler;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.kernel.ChainListPage;
import org.custodia.kernel.Given;
import org.custodia.patients.Demographics;
import org.custodia.patients.PatientQuery;
import org.custodia.patients.PatientRegistration;
import org.custodia.patients.PatientRegistry;
import org.custodia.records.OpenedRecord;
import org.custodia.records.RecordId;
import org.custodia.records.RecordPage;
import org.custodia.records.RecordService;
import org.custodia.sharing.AccessRequestDetails;
import org.custodia.sharing.ConsentService;
import org.custodia.sharing.EmergencyAccessDetails;
import org.custodia.sharing.GrantDetails;
import org.custodia.sharing.RetrievalService;
import org.custodia.web.ClosedAtRequestEnd;
import org.custodia.web.rest.ConsentInput;
import org.custodia.web.soap.contract.*;

/**
 * The records contract ({@code WEB-INF/wsdl/records-1.wsdl}, published by {@link RecordsContract}; this class
 * implements the interface generated from it) over SOAP 1.1 at {@code /RecordsService}: each
 * operation calls the service the REST resource of the same capability calls, so the access policy, audit and
 * failures are the same. Documents are MTOM attachments read and written as they stream; nothing of a document is
 * kept in memory whole or written to disk in clear. The caller was authenticated from its UsernameToken before the
 * call reached here ({@code StaffAuthentication}).
 */
@WebService(serviceName = "RecordsService", portName = "RecordsPort", targetNamespace = RecordsEndpoint.NAMESPACE,
        endpointInterface = "org.custodia.web.soap.contract.Records")
@HandlerChain(file = "records-handlers.xml")
@MTOM
@StreamingAttachment(parseEagerly = false, memoryThreshold = RecordsEndpoint.ATTACHMENT_MEMORY)
public class RecordsEndpoint implements Records {

    /** An attachment's length is not declared on its own (the request's length covers the whole message). */
    private static final long UNDECLARED_LENGTH = -1;

    public static final String NAMESPACE = "urn:custodia:records:1";
    /**
     * Bytes of an attachment Metro may hold before it spills it to a file. The document is read once as it arrives
     * and never reaches it; only a part a client sends before the document, which no operation reads, could.
     */
    static final long ATTACHMENT_MEMORY = 4L << 20;
    private static final String XOP = "application/xop+xml";

    @EJB
    private PatientRegistry patients;
    @EJB
    private RecordService records;
    @EJB
    private ConsortiumDirectory directory;
    @EJB
    private RetrievalService retrieval;
    @EJB
    private ConsentService consent;
    @Inject
    private HttpServletRequest http;

    /** The body elements of the contract's requests: one per operation, in {@value #NAMESPACE}. */
    private static final Set<QName> OPERATIONS = Arrays.stream(Records.class.getMethods())
            .map(method -> method.getParameters()[0].getAnnotation(WebParam.class))
            .map(part -> new QName(part.targetNamespace(), part.name())).collect(Collectors.toUnmodifiableSet());

    /** Whether {@code element}, the first element of a request's body, names an operation of the contract. */
    public static boolean offers(QName element) {
        return OPERATIONS.contains(element);
    }

    @Override
    public RegisterPatientResponse registerPatient(RegisterPatient request) {
        return call(() -> {
            RegisterPatientResponse response = new RegisterPatientResponse();
            response.setPatient(SoapMessages.patient(patients.register(Given.read(() -> new PatientRegistration(
                    request.getMrn(), new Demographics(request.getFamilyName(), request.getGivenName(),
                            SoapMessages.date(request.getBirthDate(), "birthDate"), request.getNationalId()))))));
            return response;
        });
    }

    @Override
    public FindPatientResponse findPatient(FindPatient request) {
        return call(() -> {
            FindPatientResponse response = new FindPatientResponse();
            response.setPatient(SoapMessages.patient(patients.search(Given.read(
                    () -> new PatientQuery(request.getMrn(), request.getNationalId())))));
            return response;
        });
    }

    @Override
    public GetPatientResponse getPatient(GetPatient request) {
        return call(() -> {
            GetPatientResponse response = new GetPatientResponse();
            response.setPatient(SoapMessages.patient(patients.find(
                    ConsentInput.givenPatientId(request.getPatientId()))));
            return response;
        });
    }

    @Override
    public UploadRecordResponse uploadRecord(UploadRecord request) {
        return call(() -> {
            try (InputStream content = request.getContent() == null ? null : streamOnce(request.getContent())) {
                UploadRecordResponse response = new UploadRecordResponse();
                response.setRecord(SoapMessages.record(records.upload(
                        ConsentInput.givenPatientId(request.getPatientId()),
                        request.getCategory(), Given.of(request.getTitle()), request.getContentType(),
                        UNDECLARED_LENGTH, content)));
                return response;
            }
        });
    }

    @Override
    public GetRecordResponse getRecord(GetRecord request) {
        return call(() -> {
            GetRecordResponse response = new GetRecordResponse();
            response.setRecord(SoapMessages.record(records.details(RecordId.given(request.getRecordId()))));
            return response;
        });
    }

    @Override
    public DownloadRecordResponse downloadRecord(DownloadRecord request) {
        return call(() -> {
            Given<RecordId> recordId = RecordId.given(request.getRecordId());
            OpenedRecord opened = takesMtom() ? records.open(recordId) : records.open(recordId,
                    RecordAttachment.MAX_INLINE, RecordAttachment.LARGER_AS_MTOM);
            ClosedAtRequestEnd.closeAtEndOf(http, opened);
            RecordAttachment content = new RecordAttachment(opened);
            DownloadRecordResponse response = new DownloadRecordResponse();
            response.setRecord(SoapMessages.record(content.details()));
            response.setContent(content);
            return response;
        });
    }

    @Override
    public ListRecordsResponse listRecords(ListRecords request) {
        return call(() -> {
            RecordPage page = records.list(ConsentInput.givenPatientId(request.getPatientId()),
                    request.getBefore() == null || request.getBefore().isBlank() ? null
                            : RecordId.parse(request.getBefore()),
                    request.getLimit() == null ? RecordPage.DEFAULT_LIMIT : request.getLimit());
            ListRecordsResponse response = new ListRecordsResponse();
            page.entries().stream().map(SoapMessages::record).forEach(response.getRecord()::add);
            page.nextBefore().map(RecordId::hex).ifPresent(response::setNextBefore);
            return response;
        });
    }

    @Override
    public ListConsortiumRecordsResponse listConsortiumRecords(ListConsortiumRecords request) {
        return call(() -> {
            ChainListPage<org.custodia.consortium.ConsortiumRecord> page = directory.recordsOf(
                    ConsentInput.givenPatientId(request.getPatientId()), request.isKept(),
                    ChainListPage.Window.of(request.getBefore(), request.getLimit()));
            ListConsortiumRecordsResponse response = new ListConsortiumRecordsResponse();
            page.entries().stream().map(SoapMessages::consortiumRecord).forEach(response.getRecord()::add);
            page.nextBefore().ifPresent(response::setNextBefore);
            return response;
        });
    }

    @Override
    public RetrieveSharedRecordResponse retrieveSharedRecord(RetrieveSharedRecord request) {
        return call(() -> {
            RetrieveSharedRecordResponse response = new RetrieveSharedRecordResponse();
            response.setRecord(SoapMessages.record(retrieval.retrieve(RecordId.given(request.getRecordId()))));
            return response;
        });
    }

    @Override
    public CreateAccessRequestResponse createAccessRequest(CreateAccessRequest request) {
        return call(() -> {
            CreateAccessRequestResponse response = new CreateAccessRequestResponse();
            response.setAccessRequest(SoapMessages.accessRequest(consent.requestAccess(
                    ConsentInput.givenPatientId(request.getPatientId()), request.getCustodian(),
                    SoapMessages.scope(request.getScope()), purpose(request.getPurpose()))));
            return response;
        });
    }

    @Override
    public ListAccessRequestsResponse listAccessRequests(ListAccessRequests request) {
        return call(() -> {
            if (request.getDirection() == null) {
                throw new IllegalArgumentException("direction must be incoming or outgoing");
            }
            ChainListPage.Window window = ChainListPage.Window.of(request.getBefore(), request.getLimit());
            ChainListPage<AccessRequestDetails> page = request.getDirection() == Direction.INCOMING
                    ? consent.incomingRequests(request.getStatus(), window)
                    : consent.outgoingRequests(request.getStatus(), window);
            ListAccessRequestsResponse response = new ListAccessRequestsResponse();
            page.entries().stream().map(SoapMessages::accessRequest).forEach(response.getAccessRequest()::add);
            page.nextBefore().ifPresent(response::setNextBefore);
            return response;
        });
    }

    @Override
    public ApproveAccessRequestResponse approveAccessRequest(ApproveAccessRequest request) {
        return call(() -> {
            ApproveAccessRequestResponse response = new ApproveAccessRequestResponse();
            response.setGrant(SoapMessages.grant(consent.approve(
                    SoapMessages.entryId(request.getRequestId(), "requestId"),
                    Given.read(() -> SoapMessages.instant(request.getExpiresAt(), "expiresAt")))));
            return response;
        });
    }

    @Override
    public DenyAccessRequestResponse denyAccessRequest(DenyAccessRequest request) {
        return call(() -> {
            DenyAccessRequestResponse response = new DenyAccessRequestResponse();
            response.setAccessRequest(SoapMessages.accessRequest(consent.deny(
                    SoapMessages.entryId(request.getRequestId(), "requestId"))));
            return response;
        });
    }

    @Override
    public CreateGrantResponse createGrant(CreateGrant request) {
        return call(() -> {
            CreateGrantResponse response = new CreateGrantResponse();
            response.setGrant(SoapMessages.grant(consent.grant(ConsentInput.givenPatientId(request.getPatientId()),
                    request.getGrantee(), SoapMessages.scope(request.getScope()), purpose(request.getPurpose()),
                    Given.read(() -> SoapMessages.instant(request.getExpiresAt(), "expiresAt")))));
            return response;
        });
    }

    @Override
    public ListGrantsResponse listGrants(ListGrants request) {
        return call(() -> {
            ChainListPage<GrantDetails> page = consent.grants(ConsentInput.givenPatientId(request.getPatientId()),
                    ChainListPage.Window.of(request.getBefore(), request.getLimit()));
            ListGrantsResponse response = new ListGrantsResponse();
            page.entries().stream().map(SoapMessages::grant).forEach(response.getGrant()::add);
            page.nextBefore().ifPresent(response::setNextBefore);
            return response;
        });
    }

    @Override
    public RevokeGrantResponse revokeGrant(RevokeGrant request) {
        return call(() -> {
            RevokeGrantResponse response = new RevokeGrantResponse();
            response.setGrant(SoapMessages.grant(consent.revoke(
                    SoapMessages.entryId(request.getGrantId(), "grantId"))));
            return response;
        });
    }

    @Override
    public DeclareEmergencyAccessResponse declareEmergencyAccess(DeclareEmergencyAccess request) {
        return call(() -> {
            DeclareEmergencyAccessResponse response = new DeclareEmergencyAccessResponse();
            response.setEmergencyAccess(SoapMessages.emergencyAccess(consent.declareEmergency(
                    ConsentInput.givenPatientId(request.getPatientId()), Given.of(request.getReasonCode()))));
            return response;
        });
    }

    @Override
    public ListEmergencyAccessResponse listEmergencyAccess(ListEmergencyAccess request) {
        return call(() -> {
            ChainListPage<EmergencyAccessDetails> page = consent.emergencies(
                    SoapMessages.direction(request.getDirection()), request.isReviewed(),
                    ChainListPage.Window.of(request.getBefore(), request.getLimit()));
            ListEmergencyAccessResponse response = new ListEmergencyAccessResponse();
            page.entries().stream().map(SoapMessages::emergencyAccess).forEach(response.getEmergencyAccess()::add);
            page.nextBefore().ifPresent(response::setNextBefore);
            return response;
        });
    }

    @Override
    public ReviewEmergencyAccessResponse reviewEmergencyAccess(ReviewEmergencyAccess request) {
        return call(() -> {
            ReviewEmergencyAccessResponse response = new ReviewEmergencyAccessResponse();
            response.setEmergencyAccess(SoapMessages.emergencyAccess(consent.review(
                    SoapMessages.entryId(request.getEmergencyAccessId(), "emergencyAccessId"))));
            return response;
        });
    }

    /**
     * Whether the response will be MTOM, as Metro decides it: the request was MTOM, or its client accepts
     * {@code application/xop+xml}. (Read from the HTTP request: Payara's injected {@code WebServiceContext} is not
     * reliably bound to the endpoint that serves the call when two endpoints share a class hierarchy.)
     */
    private boolean takesMtom() {
        ContentType request = UsernameTokenReader.contentType(http.getContentType());
        if (request.match("multipart/related") && XOP.equalsIgnoreCase(request.getParameter("type"))) {
            return true;
        }
        // as Metro decides it (the media type anywhere in the header, in this case): otherwise a response Metro sends
        // inline would carry a record opened without the inline limit
        String accept = http.getHeader("Accept");
        return accept != null && accept.contains(XOP);
    }

    /** One operation's work; any failure becomes the contract's fault for it. */
    @FunctionalInterface
    private interface Operation<T> {
        T run() throws IOException;
    }

    private static <T> T call(Operation<T> operation) {
        try {
            return operation.run();
        } catch (Exception e) {
            throw SoapFaults.raise(SoapFaults.of(e));
        }
    }

    /** The attachment's bytes straight from the request as they arrive, read once, never buffered to a file. */
    private static InputStream streamOnce(DataHandler content) throws IOException {
        return content instanceof StreamingDataHandler streaming ? streaming.readOnce() : content.getInputStream();
    }

    private static String purpose(Purpose purpose) {
        return purpose == null ? null : purpose.value();
    }
}
