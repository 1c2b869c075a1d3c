package org.custodia.web.soap;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.namespace.QName;

/**
 * The typed fields of the records contract's requests (records-1.xsd: numbers, flags, dates, directions, inline
 * documents) and the text each must hold. The SOAP runtime's JAXB reads a malformed value without a word: {@code 12abc}
 * as no value, {@code 4294967298} as 2, {@code maybe} as no filter, {@code x} as false, {@code 2030-01Z} as a time,
 * text outside the base64 alphabet skipped. Every such value is refused here, before the runtime reads the request,
 * with the message REST gives for the same value. XML whitespace around a number, flag or date is allowed, as XML
 * Schema allows it; a direction is its exact text.
 */
final class TypedRequestFields {

    /** The text a field must hold. */
    enum Form {
        INT, LONG, BOOLEAN, DATE, DATE_TIME, DIRECTION, BASE64
    }

    private static final Map<String, Form> PAGING = Map.of("before", Form.LONG, "limit", Form.INT);
    /** Operation to its typed fields; a field not listed is text (or absent from the contract). */
    private static final Map<String, Map<String, Form>> FIELDS = Map.ofEntries(
            Map.entry("registerPatient", Map.of("birthDate", Form.DATE)),
            Map.entry("uploadRecord", Map.of("content", Form.BASE64)),
            // listRecords' before is a record id, which is text
            Map.entry("listRecords", Map.of("limit", Form.INT)),
            Map.entry("listConsortiumRecords", Map.of("kept", Form.BOOLEAN, "before", Form.LONG, "limit", Form.INT)),
            Map.entry("listAccessRequests", Map.of("direction", Form.DIRECTION, "before", Form.LONG,
                    "limit", Form.INT)),
            Map.entry("approveAccessRequest", Map.of("requestId", Form.LONG, "expiresAt", Form.DATE_TIME)),
            Map.entry("denyAccessRequest", Map.of("requestId", Form.LONG)),
            Map.entry("createGrant", Map.of("expiresAt", Form.DATE_TIME)),
            Map.entry("listGrants", PAGING),
            Map.entry("revokeGrant", Map.of("grantId", Form.LONG)),
            Map.entry("declareEmergencyAccess", Map.of("reasonCode", Form.INT)),
            Map.entry("listEmergencyAccess", Map.of("reviewed", Form.BOOLEAN, "direction", Form.DIRECTION,
                    "before", Form.LONG, "limit", Form.INT)),
            Map.entry("reviewEmergencyAccess", Map.of("emergencyAccessId", Form.LONG)));

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern XML_WHITESPACE = Pattern.compile("[ \t\r\n]+");
    private static final Pattern XML_EDGES = Pattern.compile("^[ \t\r\n]+|[ \t\r\n]+$");
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    private TypedRequestFields() {
    }

    /**
     * The form of {@code field}, a child of the request element {@code operation}; null for a field of text, or one
     * that is not the contract's.
     */
    static Form of(QName operation, QName field) {
        if (!RecordsEndpoint.NAMESPACE.equals(operation.getNamespaceURI())
                || !RecordsEndpoint.NAMESPACE.equals(field.getNamespaceURI())) {
            return null;
        }
        return FIELDS.getOrDefault(operation.getLocalPart(), Map.of()).get(field.getLocalPart());
    }

    /**
     * Refuses {@code text} unless it is a value of {@code form}.
     *
     * @throws InvalidSoapRequestException naming the field and the form it must have
     */
    static void check(Form form, String field, String text) {
        // XML Schema collapses XML whitespace around a number, flag or date; other space (U+2003, say) makes the
        // runtime read no value
        String value = XML_EDGES.matcher(text).replaceAll("");
        switch (form) {
            case INT, LONG -> {
                if (!WHOLE_NUMBER.matcher(value).matches()) {
                    throw new InvalidSoapRequestException(field + " must be a whole number");
                }
                try {
                    if (form == Form.INT) {
                        Integer.parseInt(value);
                    } else {
                        Long.parseLong(value);
                    }
                } catch (NumberFormatException tooLarge) {
                    throw new InvalidSoapRequestException(field + " is too large a number");
                }
            }
            case BOOLEAN -> {
                if (!(value.equals("true") || value.equals("false") || value.equals("1") || value.equals("0"))) {
                    throw new InvalidSoapRequestException(field + " must be true or false");
                }
            }
            case DIRECTION -> {
                // an enumeration of strings: the runtime takes the exact text only
                if (!(text.equals("incoming") || text.equals("outgoing"))) {
                    throw new InvalidSoapRequestException(field + " must be incoming or outgoing");
                }
            }
            case DATE -> requireCalendar(value, DatatypeConstants.DATE,
                    field + " must be an xs:date such as 1980-02-29");
            case DATE_TIME -> requireCalendar(value, DatatypeConstants.DATETIME,
                    field + " must be an xs:dateTime with its offset, such as 2027-01-31T12:00:00Z");
            case BASE64 -> {
                String base64 = XML_WHITESPACE.matcher(value).replaceAll("");
                try {
                    // padded, as xs:base64Binary has it (Java's decoder would take it without)
                    if (base64.length() % 4 != 0) {
                        throw new IllegalArgumentException("not padded");
                    }
                    Base64.getDecoder().decode(base64);
                } catch (IllegalArgumentException e) {
                    throw new InvalidSoapRequestException(field + " must be base64, or an xop:Include of the MTOM"
                            + " attachment that holds the document");
                }
            }
        }
    }

    private static void requireCalendar(String value, QName type, String message) {
        try {
            if (!type.equals(DATATYPES.newXMLGregorianCalendar(value).getXMLSchemaType())) {
                throw new InvalidSoapRequestException(message);
            }
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            throw new InvalidSoapRequestException(message);
        }
    }
}
