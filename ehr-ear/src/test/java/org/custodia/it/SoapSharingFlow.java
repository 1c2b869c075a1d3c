package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.custodia.it.ConsortiumNodes.Node;
import org.custodia.it.soap.AccessRequest;
import org.custodia.it.soap.ApproveAccessRequest;
import org.custodia.it.soap.ConsortiumRecord;
import org.custodia.it.soap.CreateAccessRequest;
import org.custodia.it.soap.CreateGrant;
import org.custodia.it.soap.DeclareEmergencyAccess;
import org.custodia.it.soap.DenyAccessRequest;
import org.custodia.it.soap.Direction;
import org.custodia.it.soap.DownloadRecord;
import org.custodia.it.soap.EmergencyAccess;
import org.custodia.it.soap.FindPatient;
import org.custodia.it.soap.GetPatient;
import org.custodia.it.soap.GetRecord;
import org.custodia.it.soap.Grant;
import org.custodia.it.soap.GrantRevokedFault;
import org.custodia.it.soap.InvalidRequestFault;
import org.custodia.it.soap.ListAccessRequests;
import org.custodia.it.soap.ListAccessRequestsResponse;
import org.custodia.it.soap.ListConsortiumRecords;
import org.custodia.it.soap.ListConsortiumRecordsResponse;
import org.custodia.it.soap.ListEmergencyAccess;
import org.custodia.it.soap.ListGrants;
import org.custodia.it.soap.ListGrantsResponse;
import org.custodia.it.soap.ListRecords;
import org.custodia.it.soap.NoGrantFault;
import org.custodia.it.soap.Purpose;
import org.custodia.it.soap.Record;
import org.custodia.it.soap.Records;
import org.custodia.it.soap.RetrieveSharedRecord;
import org.custodia.it.soap.ReviewEmergencyAccess;
import org.custodia.it.soap.RevokeGrant;
import org.custodia.it.soap.Scope;

/**
 * The whole sharing scenario driven over SOAP by clients generated from the contract, each hospital's staff calling
 * their own node (hospital A over SOAP 1.1, hospital B over SOAP 1.2): patients registered at both, records uploaded
 * and anchored at A, discovered at B, a request approved and one denied, retrieval through the proxy and download, a
 * grant issued and revoked, emergency access declared and reviewed. Every operation of the contract is called.
 */
final class SoapSharingFlow {

    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private final Records clerkA;
    private final Records physicianA;
    private final Records privacyOfficerA;
    private final Records clerkB;
    private final Records physicianB;
    private final Records nurseB;
    private final String addressA;
    private final String addressB;

    SoapSharingFlow(String addressA, String addressB) {
        StaffClient adminA = Node.HOSPITAL_A.admin();
        StaffClient adminB = Node.HOSPITAL_B.admin();
        String a = Node.HOSPITAL_A.baseUrl();
        String b = Node.HOSPITAL_B.baseUrl();
        clerkA = SoapClient.as(a, adminA.createAccount("clerk"), false);
        physicianA = SoapClient.as(a, adminA.createAccount("physician"), false);
        privacyOfficerA = SoapClient.as(a, adminA.createAccount("privacy-officer"), false);
        clerkB = SoapClient.as(b, adminB.createAccount("clerk"), true);
        physicianB = SoapClient.as(b, adminB.createAccount("physician"), true);
        nurseB = SoapClient.as(b, adminB.createAccount("nurse"), true);
        this.addressA = addressA;
        this.addressB = addressB;
    }

    void run() throws Exception {
        String nationalId = "IT-SOAP-" + UUID.randomUUID().toString().substring(0, 12);
        String patientA = register(clerkA, nationalId);
        GeneratedContent laboratory = new GeneratedContent(3 * 1024 * 1024 + 3, 31);
        String laboratoryRecord = upload(physicianA, patientA, "laboratory", laboratory);
        String imagingRecord = upload(physicianA, patientA, "imaging", new GeneratedContent(2048, 32));
        for (String record : List.of(laboratoryRecord, imagingRecord)) {
            GetRecord get = new GetRecord();
            get.setRecordId(record);
            eventually(() -> physicianA.getRecord(get).getRecord(), r -> "anchored".equals(r.getAnchorStatus()),
                    "record " + record + " is anchored");
        }

        String patientB = register(clerkB, nationalId);
        FindPatient byNationalId = new FindPatient();
        byNationalId.setNationalId(nationalId);
        assertEquals(patientB, physicianB.findPatient(byNationalId).getPatient().getId());
        GetPatient get = new GetPatient();
        get.setPatientId(patientB);
        assertEquals("Mbeki", physicianB.getPatient(get).getPatient().getFamilyName());
        ListConsortiumRecords discover = new ListConsortiumRecords();
        discover.setPatientId(patientB);
        List<ConsortiumRecord> found = eventually(() -> physicianB.listConsortiumRecords(discover).getRecord(),
                records -> records.size() == 2, "B discovers A's two records");
        found.forEach(record -> {
            assertEquals(addressA, record.getCustodian());
            assertFalse(record.isReadable());
        });
        ListConsortiumRecords newest = new ListConsortiumRecords();
        newest.setPatientId(patientB);
        newest.setKept(false);
        newest.setLimit(1);
        ListConsortiumRecordsResponse first = physicianB.listConsortiumRecords(newest);
        assertEquals(List.of(found.get(0).getId()), first.getRecord().stream().map(ConsortiumRecord::getId).toList());
        assertEquals(Long.valueOf(2), first.getNextBefore(),
                "the older record is numbered 1, the next page starts below 2");
        newest.setBefore(first.getNextBefore());
        ListConsortiumRecordsResponse older = physicianB.listConsortiumRecords(newest);
        assertEquals(List.of(found.get(1).getId()), older.getRecord().stream().map(ConsortiumRecord::getId).toList());
        assertNull(older.getNextBefore(), "the oldest record ends the list");
        assertThrows(NoGrantFault.class, () -> physicianB.retrieveSharedRecord(retrieval(laboratoryRecord)));

        AccessRequest requested = nurseB.createAccessRequest(request(patientB, category("laboratory")))
                .getAccessRequest();
        assertEquals("pending", requested.getStatus());
        AccessRequest denied = physicianB.createAccessRequest(request(patientB, all())).getAccessRequest();
        eventually(() -> incoming(), requests -> requests.stream().anyMatch(r -> r.getId() == requested.getId())
                && requests.stream().anyMatch(r -> r.getId() == denied.getId()), "both requests reach A");
        ApproveAccessRequest approval = new ApproveAccessRequest();
        approval.setRequestId(requested.getId());
        approval.setExpiresAt(time(Instant.now().plus(Duration.ofHours(2))));
        Grant grant = privacyOfficerA.approveAccessRequest(approval).getGrant();
        assertEquals("active", grant.getStatus());
        DenyAccessRequest deny = new DenyAccessRequest();
        deny.setRequestId(denied.getId());
        assertEquals("denied", privacyOfficerA.denyAccessRequest(deny).getAccessRequest().getStatus());
        ListAccessRequests newestSent = new ListAccessRequests();
        newestSent.setDirection(Direction.OUTGOING);
        newestSent.setLimit(1);
        ListAccessRequestsResponse firstPage = physicianB.listAccessRequests(newestSent);
        assertEquals(List.of(denied.getId()), firstPage.getAccessRequest().stream().map(AccessRequest::getId).toList());
        assertEquals(Long.valueOf(denied.getId()), firstPage.getNextBefore(), "an older request follows");
        newestSent.setBefore(firstPage.getNextBefore());
        assertEquals(List.of(requested.getId()), physicianB.listAccessRequests(newestSent).getAccessRequest().stream()
                .map(AccessRequest::getId).toList());
        newestSent.setLimit(0);
        assertThrows(InvalidRequestFault.class, () -> physicianB.listAccessRequests(newestSent));
        InvalidRequestFault noId = assertThrows(InvalidRequestFault.class,
                () -> privacyOfficerA.denyAccessRequest(new DenyAccessRequest()));
        assertTrue(noId.getFaultInfo().getDetail().contains("requestId"), noId.getFaultInfo().getDetail());
        assertThrows(InvalidRequestFault.class, () -> privacyOfficerA.revokeGrant(new RevokeGrant()));

        Record received = eventually(() -> physicianB.retrieveSharedRecord(retrieval(laboratoryRecord)).getRecord(),
                record -> true, "the re-key reaches the proxy and B retrieves the record");
        assertTrue(received.isReceived());
        assertEquals("grant", received.getAccessBasis());
        assertEquals(grant.getId(), received.getAccessBasisId());
        DownloadRecord download = new DownloadRecord();
        download.setRecordId(laboratoryRecord);
        assertEquals(laboratory.sha256(), GeneratedContent.sha256(
                SoapClient.content(physicianB.downloadRecord(download).getContent())));
        SoapClient.deleteKeptAttachments();
        ListRecords kept = new ListRecords();
        kept.setPatientId(patientB);
        assertTrue(physicianB.listRecords(kept).getRecord().stream().anyMatch(r -> r.getId().equals(laboratoryRecord)),
                "B keeps the received record among the patient's records");

        RevokeGrant revoke = new RevokeGrant();
        revoke.setGrantId(grant.getId());
        assertEquals("revoked", privacyOfficerA.revokeGrant(revoke).getGrant().getStatus());
        assertThrows(GrantRevokedFault.class, () -> physicianB.retrieveSharedRecord(retrieval(laboratoryRecord)));

        CreateGrant direct = new CreateGrant();
        direct.setPatientId(patientA);
        direct.setGrantee(addressB);
        direct.setScope(category("imaging"));
        direct.setPurpose(Purpose.CONTINUITY_OF_CARE);
        direct.setExpiresAt(time(Instant.now().plus(Duration.ofHours(1))));
        Grant imaging = privacyOfficerA.createGrant(direct).getGrant();
        ListGrants grants = new ListGrants();
        grants.setPatientId(patientA);
        grants.setLimit(1);
        ListGrantsResponse newestGrant = physicianA.listGrants(grants);
        assertEquals(List.of(imaging.getId()), newestGrant.getGrant().stream().map(Grant::getId).toList(),
                "the newest grant first");
        assertEquals(Long.valueOf(imaging.getId()), newestGrant.getNextBefore(), "an older grant follows");
        grants.setBefore(newestGrant.getNextBefore());
        ListGrantsResponse oldestGrant = physicianA.listGrants(grants);
        assertEquals(List.of(grant.getId()), oldestGrant.getGrant().stream().map(Grant::getId).toList(),
                "the approved grant below it");
        assertNull(oldestGrant.getNextBefore(), "the oldest grant's page is the last, though full");
        grants.setLimit(201);
        assertThrows(InvalidRequestFault.class, () -> physicianA.listGrants(grants));
        RevokeGrant revokeImaging = new RevokeGrant();
        revokeImaging.setGrantId(imaging.getId());
        privacyOfficerA.revokeGrant(revokeImaging);

        DeclareEmergencyAccess emergency = new DeclareEmergencyAccess();
        emergency.setPatientId(patientB);
        emergency.setReasonCode(1);
        EmergencyAccess declared = physicianB.declareEmergencyAccess(emergency).getEmergencyAccess();
        assertTrue(declared.isActive());
        Record byEmergency = eventually(() -> physicianB.retrieveSharedRecord(retrieval(imagingRecord)).getRecord(),
                record -> true, "the emergency re-key reaches the proxy");
        assertEquals("emergency", byEmergency.getAccessBasis());
        ListEmergencyAccess unreviewed = new ListEmergencyAccess();
        unreviewed.setReviewed(false);
        unreviewed.setDirection(Direction.INCOMING);
        assertTrue(physicianB.listEmergencyAccess(unreviewed).getEmergencyAccess().stream()
                .noneMatch(e -> e.getId() == declared.getId()), "not in the declaring hospital's review queue");
        ListEmergencyAccess declaredHere = new ListEmergencyAccess();
        declaredHere.setDirection(Direction.OUTGOING);
        assertTrue(physicianB.listEmergencyAccess(declaredHere).getEmergencyAccess().stream()
                .anyMatch(e -> e.getId() == declared.getId()), "but among its own declarations");
        eventually(() -> privacyOfficerA.listEmergencyAccess(unreviewed).getEmergencyAccess(),
                list -> list.stream().anyMatch(e -> e.getId() == declared.getId()), "A's review queue has it");
        ReviewEmergencyAccess review = new ReviewEmergencyAccess();
        review.setEmergencyAccessId(declared.getId());
        assertEquals(addressA, privacyOfficerA.reviewEmergencyAccess(review).getEmergencyAccess().getReviewedBy());
    }

    private List<AccessRequest> incoming() throws Exception {
        ListAccessRequests list = new ListAccessRequests();
        list.setDirection(Direction.INCOMING);
        list.setStatus("pending");
        return physicianA.listAccessRequests(list).getAccessRequest();
    }

    private CreateAccessRequest request(String patient, Scope scope) {
        CreateAccessRequest request = new CreateAccessRequest();
        request.setPatientId(patient);
        request.setCustodian(addressA);
        request.setScope(scope);
        request.setPurpose(Purpose.REFERRAL);
        return request;
    }

    private static String register(Records clerk, String nationalId) throws Exception {
        return SoapClient.register(clerk, "Mbeki", nationalId).getId();
    }

    private static String upload(Records physician, String patient, String category, GeneratedContent content)
            throws Exception {
        return SoapClient.upload(physician, patient, category, "application/octet-stream", content).getId();
    }

    private static RetrieveSharedRecord retrieval(String recordId) {
        RetrieveSharedRecord retrieval = new RetrieveSharedRecord();
        retrieval.setRecordId(recordId);
        return retrieval;
    }

    private static Scope category(String code) {
        Scope scope = new Scope();
        scope.setKind("category");
        scope.setCategory(code);
        return scope;
    }

    private static Scope all() {
        Scope scope = new Scope();
        scope.setKind("all");
        return scope;
    }

    private static XMLGregorianCalendar time(Instant instant) throws Exception {
        return DatatypeFactory.newInstance().newXMLGregorianCalendar(instant.toString());
    }

    /**
     * Calls until the answer satisfies {@code done}; a fault counts as not yet (consent events, re-keys and
     * anchoring work in the background), and the last one is reported if time runs out.
     */
    private static <T> T eventually(Callable<T> call, Predicate<T> done, String what) {
        return Eventually.within(EVENTUALLY, Duration.ofMillis(500), what).untilAnswered(call, done);
    }
}
