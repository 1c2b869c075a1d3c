package org.custodia.web.soap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.custodia.consortium.ConsortiumRecord;
import org.custodia.kernel.TextField;
import org.custodia.consortium.ReadAccess;
import org.custodia.patients.PatientDetails;
import org.custodia.records.RecordDetails;
import org.custodia.sharing.AccessRequestDetails;
import org.custodia.sharing.EmergencyAccessDetails;
import org.custodia.sharing.GrantDetails;
import org.custodia.sharing.ScopeDetails;
import org.custodia.sharing.ScopeRequest;
import org.custodia.web.soap.contract.AccessRequest;
import org.custodia.web.soap.contract.Direction;
import org.custodia.web.soap.contract.EmergencyAccess;
import org.custodia.web.soap.contract.Grant;
import org.custodia.web.soap.contract.Patient;
import org.custodia.web.soap.contract.Record;
import org.custodia.web.soap.contract.Scope;

/**
 * The services' values as the records contract's types and back: the same fields, named alike, as the REST API's
 * views. Input the services could not take (a malformed id, a time without its offset) is refused with
 * {@link IllegalArgumentException} naming the field, which the endpoint answers as an invalid-request fault.
 */
final class SoapMessages {

    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    private SoapMessages() {
    }

    /**
     * Text this node did not check as one line, as XML 1.0 can carry it: a control character, an unpaired surrogate
     * or U+FFFE and U+FFFF (no characters) becomes U+FFFD. For what another member wrote on chain (a purpose, its
     * name; the registry takes any bytes), a title another member sent, and text stored before it was checked so:
     * any of them made the whole answer fail to be written.
     */
    static String xmlText(String text) {
        return TextField.fitted(text, Integer.MAX_VALUE);
    }

    static Patient patient(PatientDetails details) {
        Patient patient = new Patient();
        patient.setId(details.id().toString());
        patient.setMrn(details.mrn());
        patient.setPseudonym(details.pseudonym().hex());
        patient.setFamilyName(xmlText(details.demographics().familyName()));
        patient.setGivenName(xmlText(details.demographics().givenName()));
        patient.setBirthDate(birthDate(details));
        patient.setNationalId(xmlText(details.demographics().nationalId()));
        patient.setRegisteredAt(time(details.registeredAt()));
        patient.setRegisteredBy(details.registeredBy());
        return patient;
    }

    static Record record(RecordDetails details) {
        Record record = new Record();
        record.setId(details.id());
        record.setPatientId(details.patientId().toString());
        record.setCategory(details.category());
        record.setTitle(xmlText(details.title()));
        record.setContentType(details.contentType());
        record.setSize(details.size());
        record.setEnvelopeSha256(details.envelopeSha256());
        record.setAnchorStatus(details.anchorStatus().name().toLowerCase(Locale.ROOT));
        record.setAnchorTransaction(details.anchorTransaction());
        record.setAnchorBlock(details.anchorBlock());
        record.setAnchoredAt(time(details.anchoredAt()));
        record.setCreatedAt(time(details.createdAt()));
        record.setCreatedBy(details.createdBy());
        RecordDetails.Received received = details.received();
        record.setReceived(received != null);
        if (received != null) {
            record.setCustodian(received.custodian());
            record.setAccessBasis(received.basis());
            record.setAccessBasisId(received.basisId());
            record.setAccessLogTransaction(received.accessLogTransaction());
        }
        return record;
    }

    static org.custodia.web.soap.contract.ConsortiumRecord consortiumRecord(ConsortiumRecord details) {
        org.custodia.web.soap.contract.ConsortiumRecord record = new org.custodia.web.soap.contract.ConsortiumRecord();
        record.setId(details.recordId());
        record.setCustodian(details.custodian().toString());
        record.setCustodianName(xmlText(details.custodianName()));
        record.setCategory(details.category());
        record.setContentType(details.contentType());
        record.setAnchoredAt(time(details.anchoredAt()));
        ReadAccess access = details.access();
        record.setReadable(access.readable());
        record.setBasis(access.basis() == null ? null : access.basis().name().toLowerCase(Locale.ROOT));
        record.setBasisId(access.basisId());
        record.setExpiresAt(time(access.expiresAt()));
        record.setReason(access.refusal());
        record.setReceived(details.received());
        return record;
    }

    static AccessRequest accessRequest(AccessRequestDetails details) {
        AccessRequest request = new AccessRequest();
        request.setId(details.id());
        request.setDirection(direction(details.direction()));
        request.setPatientId(details.patientId() == null ? null : details.patientId().toString());
        request.setRequester(details.requester());
        request.setCustodian(details.custodian());
        request.setScope(scope(details.scope()));
        request.setPurpose(xmlText(details.purpose()));
        request.setRequestedAt(time(details.requestedAt()));
        request.setStatus(details.status());
        request.setGrantId(details.grantId());
        return request;
    }

    static Grant grant(GrantDetails details) {
        Grant grant = new Grant();
        grant.setId(details.id());
        grant.setDirection(direction(details.direction()));
        grant.setPatientId(details.patientId() == null ? null : details.patientId().toString());
        grant.setCustodian(details.custodian());
        grant.setGrantee(details.grantee());
        grant.setScope(scope(details.scope()));
        grant.setPurpose(xmlText(details.purpose()));
        grant.setGrantedAt(time(details.grantedAt()));
        grant.setExpiresAt(time(details.expiresAt()));
        grant.setRevokedAt(time(details.revokedAt()));
        grant.setStatus(details.status());
        grant.setRequestId(details.requestId());
        return grant;
    }

    static EmergencyAccess emergencyAccess(EmergencyAccessDetails details) {
        EmergencyAccess emergency = new EmergencyAccess();
        emergency.setId(details.id());
        emergency.setDirection(direction(details.direction()));
        emergency.setPatientId(details.patientId() == null ? null : details.patientId().toString());
        emergency.setDeclarer(details.declarer());
        emergency.setReasonCode(details.reasonCode());
        emergency.setReason(details.reason().toLowerCase(Locale.ROOT).replace('_', '-'));
        emergency.setDeclaredAt(time(details.declaredAt()));
        emergency.setExpiresAt(time(details.expiresAt()));
        emergency.setActive(details.active());
        emergency.setReviewedBy(details.reviewedBy());
        emergency.setReviewedAt(time(details.reviewedAt()));
        return emergency;
    }

    static ScopeRequest scope(Scope scope) {
        return scope == null ? null : new ScopeRequest(scope.getKind(), scope.getRecordId(), scope.getCategory());
    }

    /**
     * A consent entry's id (a request, a grant, an emergency access). The chain numbers them from 1; the runtime
     * reads an id left out or malformed as 0, which is refused here naming the field, not looked for.
     */
    static long entryId(long id, String field) {
        if (id < 1) {
            throw new IllegalArgumentException(field + " is required: an id of 1 or more");
        }
        return id;
    }

    /** An {@code xs:date} as a date; its time zone, if any, is ignored. */
    static LocalDate date(XMLGregorianCalendar date, String field) {
        if (date == null || date.getYear() == DatatypeConstants.FIELD_UNDEFINED
                || date.getMonth() == DatatypeConstants.FIELD_UNDEFINED
                || date.getDay() == DatatypeConstants.FIELD_UNDEFINED) {
            throw new IllegalArgumentException(field + " is required: an xs:date such as 1980-02-29");
        }
        if (date.getEon() != null || date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException(field + " must be a date between the years 1 and 9999");
        }
        return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    }

    /** An {@code xs:dateTime} as an instant; it must state its offset (Z or +hh:mm), or it names no instant. */
    static Instant instant(XMLGregorianCalendar time, String field) {
        if (time == null) {
            throw new IllegalArgumentException(field + " is required: an xs:dateTime with its offset, such as "
                    + "2027-01-31T12:00:00Z");
        }
        if (time.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            throw new IllegalArgumentException(field + " must state its offset (Z or +hh:mm)");
        }
        if (time.getEon() != null || time.getYear() < 1 || time.getYear() > 9999) {
            throw new IllegalArgumentException(field + " must be a time between the years 1 and 9999");
        }
        return time.toGregorianCalendar().toInstant();
    }

    /**
     * The birth date as an {@code xs:date}. One before year 1, which REST registered before birth dates were checked,
     * has none: the answer is a server fault for operators (its log entry names the patient, not the date), not a
     * caller's {@code invalidRequest} quoting the date.
     */
    private static XMLGregorianCalendar birthDate(PatientDetails details) {
        LocalDate date = details.demographics().birthDate();
        if (date.getYear() < 1) {
            throw new IllegalStateException("patient " + details.id() + " has a birth date before the year 1 stored,"
                    + " which SOAP cannot carry; the patient can be read over REST and the staff pages");
        }
        return DATATYPES.newXMLGregorianCalendar(date.toString());
    }

    private static XMLGregorianCalendar time(Instant instant) {
        return instant == null ? null : DATATYPES.newXMLGregorianCalendar(instant.toString());
    }

    private static Scope scope(ScopeDetails details) {
        Scope scope = new Scope();
        scope.setKind(details.kind());
        scope.setRecordId(details.recordId());
        scope.setCategory(details.category());
        return scope;
    }

    /** A direction the request names, as the services take it; null when it names none. */
    static org.custodia.sharing.Direction direction(Direction given) {
        return given == null ? null : given == Direction.INCOMING ? org.custodia.sharing.Direction.INCOMING
                : org.custodia.sharing.Direction.OUTGOING;
    }

    private static Direction direction(Enum<?> direction) {
        return Direction.fromValue(direction.name().toLowerCase(Locale.ROOT));
    }
}
