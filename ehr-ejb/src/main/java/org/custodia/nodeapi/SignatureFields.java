package org.custodia.nodeapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and strictly reads the {@code Signature-Input} and {@code Signature} fields of the node-to-node profile:
 * one dictionary member, labelled {@value #LABEL}, in exactly the form {@link NodeCallSigner} writes.
 */
final class SignatureFields {

    /** The label of the one signature a call carries. */
    static final String LABEL = "sig1";

    private static final int MAX_INPUT_LENGTH = 512;
    private static final int MAX_SIGNATURE_LENGTH = 256;
    private static final Pattern PARAMETERS = Pattern.compile(";created=([0-9]{1,15});keyid=\"("
            + SignatureParameters.KEYID_SYNTAX + ")\";nonce=\"(" + SignatureParameters.NONCE_SYNTAX + ")\"");

    private SignatureFields() {
    }

    /** The {@code Signature-Input} field value for {@code parameters}. */
    static String input(SignatureParameters parameters) {
        return LABEL + "=" + parameters.serialized();
    }

    /** The {@code Signature} field value for {@code signature}. */
    static String signature(byte[] signature) {
        return LABEL + "=" + FieldSyntax.byteSequence(signature);
    }

    /** The parameters of a received {@code Signature-Input} field value. */
    static SignatureParameters parseInput(String fieldValue) throws MalformedFieldException {
        String field = NodeCallHeaders.SIGNATURE_INPUT;
        String member = member(field, FieldSyntax.trimmed(field, fieldValue, MAX_INPUT_LENGTH));
        if (!member.startsWith(SignatureParameters.COVERED_COMPONENTS)) {
            throw new MalformedFieldException(field + " must cover exactly " + SignatureParameters.COVERED_COMPONENTS
                    + ", in this order");
        }
        Matcher parameters = PARAMETERS.matcher(member.substring(SignatureParameters.COVERED_COMPONENTS.length()));
        if (!parameters.matches()) {
            throw new MalformedFieldException(field + " parameters must be exactly ;created=<Unix seconds>"
                    + ";keyid=\"<0x and 40 lowercase hex digits>\";nonce=\"<16 to 64 base64url characters>\"");
        }
        return new SignatureParameters(Long.parseLong(parameters.group(1)), parameters.group(2), parameters.group(3));
    }

    /** The {@value LedgerSigning#SIGNATURE_LENGTH} signature bytes of a received {@code Signature} field value. */
    static byte[] parseSignature(String fieldValue) throws MalformedFieldException {
        String field = NodeCallHeaders.SIGNATURE;
        String member = member(field, FieldSyntax.trimmed(field, fieldValue, MAX_SIGNATURE_LENGTH));
        if (member.length() < 2 || member.charAt(0) != ':' || member.charAt(member.length() - 1) != ':') {
            throw new MalformedFieldException(field + " must hold a byte sequence: " + LABEL + "=:<base64>:");
        }
        byte[] signature = FieldSyntax.decodeByteSequence(field, member.substring(1, member.length() - 1));
        if (signature.length != LedgerSigning.SIGNATURE_LENGTH) {
            throw new MalformedFieldException(field + " must hold a " + LedgerSigning.SIGNATURE_LENGTH
                    + "-byte recoverable secp256k1 signature, got " + signature.length + " bytes");
        }
        return signature;
    }

    /** The value of the one member, which must be labelled {@value #LABEL}. */
    private static String member(String field, String value) throws MalformedFieldException {
        if (value.indexOf(',') >= 0) {
            throw new MalformedFieldException(field + " must hold exactly one signature, labelled " + LABEL);
        }
        if (!value.startsWith(LABEL + "=")) {
            throw new MalformedFieldException(field + " must hold the signature labelled " + LABEL + " (" + field
                    + ": " + LABEL + "=...)");
        }
        return value.substring(LABEL.length() + 1);
    }
}
