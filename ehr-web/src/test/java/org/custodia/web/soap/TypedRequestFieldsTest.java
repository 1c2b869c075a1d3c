package org.custodia.web.soap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A typed field of a request holds a value of its type, or the request is refused before the SOAP runtime reads it
 * (which would take {@code 12abc} for no value, {@code 4294967298} for 2, {@code maybe} for no filter).
 */
class TypedRequestFieldsTest {

    @ParameterizedTest(name = "{0}/{1} = ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "listGrants|limit|12abc|limit must be a whole number",
        "listGrants|limit|''|limit must be a whole number",
        "listGrants|limit|1 2|limit must be a whole number",
        "listGrants|limit|20-|limit must be a whole number",
        "listGrants|limit|4294967297|limit is too large a number",
        "listGrants|before|12abc|before must be a whole number",
        "listGrants|before|99999999999999999999|before is too large a number",
        "declareEmergencyAccess|reasonCode|4294967298|reasonCode is too large a number",
        "declareEmergencyAccess|reasonCode|abc|reasonCode must be a whole number",
        "revokeGrant|grantId|0x10|grantId must be a whole number",
        "denyAccessRequest|requestId|1.0|requestId must be a whole number",
        "reviewEmergencyAccess|emergencyAccessId|one|emergencyAccessId must be a whole number",
        "listEmergencyAccess|reviewed|maybe|reviewed must be true or false",
        "listEmergencyAccess|reviewed|x|reviewed must be true or false",
        "listEmergencyAccess|reviewed|''|reviewed must be true or false",
        "listConsortiumRecords|kept|yes|kept must be true or false",
        "listEmergencyAccess|direction|INCOMING|direction must be incoming or outgoing",
        "listEmergencyAccess|direction|' incoming'|direction must be incoming or outgoing",
        "listEmergencyAccess|direction|'outgoing '|direction must be incoming or outgoing",
        "listGrants|limit|'\u20035'|limit must be a whole number",
        "listEmergencyAccess|reviewed|'\u2003true'|reviewed must be true or false",
        "listAccessRequests|direction|sideways|direction must be incoming or outgoing",
        "createGrant|expiresAt|2030-01Z|expiresAt must be an xs:dateTime",
        "approveAccessRequest|expiresAt|2030-01-01Z|expiresAt must be an xs:dateTime",
        "approveAccessRequest|expiresAt|soon|expiresAt must be an xs:dateTime",
        "registerPatient|birthDate|1980-02-29T00:00:00Z|birthDate must be an xs:date",
        "registerPatient|birthDate|yesterday|birthDate must be an xs:date",
        "uploadRecord|content|not base64 at all|content must be base64",
        "uploadRecord|content|not base64: ?|content must be base64",
        "uploadRecord|content|QUJD=|content must be base64",
    })
    void aMalformedValueIsRefusedNamingTheField(String operation, String field, String value, String message) {
        InvalidSoapRequestException refused = assertThrows(InvalidSoapRequestException.class,
                () -> read(operation, field, value));
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}/{1} = ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "listGrants|limit| 7 ",
        "listGrants|limit|+7",
        "listGrants|before|-1",
        "listEmergencyAccess|reviewed|1",
        "listEmergencyAccess|reviewed|false",
        "listEmergencyAccess|direction|incoming",
        "listGrants|limit|'\t7\n'",
        "declareEmergencyAccess|reasonCode|2147483647",
        "createGrant|expiresAt|2027-01-31T12:00:00Z",
        "approveAccessRequest|expiresAt|2027-01-31T12:00:00.5+01:00",
        "registerPatient|birthDate|1980-02-29",
        "uploadRecord|content|'QUJD\n REVG'",
        "uploadRecord|content|''",
        // listRecords' before is a record id, text; a field the contract does not have is the runtime's to ignore
        "listRecords|before|not-a-number",
        "getPatient|limit|12abc",
    })
    void aWellFormedValueIsRead(String operation, String field, String value) {
        assertDoesNotThrow(() -> read(operation, field, value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<c:limit><c:x>7</c:x></c:limit>|limit must hold a value, not an element",
        "<c:limit>7<!-- seven --></c:limit><c:before>1<![CDATA[2]]></c:before>|",
    })
    void aValueIsTheElementsTextOnly(String fields, String message) throws IOException {
        String envelope = envelope("listGrants", fields);
        if (message == null) {
            assertEquals("listGrants", readEnvelope(envelope).operation().getLocalPart());
        } else {
            InvalidSoapRequestException refused = assertThrows(InvalidSoapRequestException.class,
                    () -> readEnvelope(envelope));
            assertEquals(message, refused.getMessage());
        }
    }

    private static UsernameTokenReader.Header read(String operation, String field, String value) throws IOException {
        String text = value.replace("&", "&amp;").replace("<", "&lt;");
        return readEnvelope(envelope(operation, "<c:" + field + ">" + text + "</c:" + field + ">"));
    }

    private static String envelope(String operation, String fields) {
        return "<S:Envelope xmlns:S=\"" + UsernameTokenReader.SOAP11 + "\"><S:Body><c:" + operation
                + " xmlns:c=\"" + RecordsEndpoint.NAMESPACE + "\"><c:patientId>x</c:patientId>" + fields + "</c:"
                + operation + "></S:Body></S:Envelope>";
    }

    private static UsernameTokenReader.Header readEnvelope(String envelope) throws IOException {
        return UsernameTokenReader.read(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)),
                "text/xml; charset=utf-8");
    }
}
