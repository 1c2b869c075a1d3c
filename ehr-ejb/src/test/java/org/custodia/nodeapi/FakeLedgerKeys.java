package org.custodia.nodeapi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stand-in for the ledger accounts' secp256k1 keys, whose signing and recovery the ledger connector's own tests
 * cover. A "signature" here is HMAC-SHA256 of the message under a secret of the account, padded with zeros to 65
 * bytes and ending in the recovery byte 27; "recovery" finds the registered account whose secret reproduces it. As
 * with real recovery, a well-formed signature that no registered account made over the message recovers an
 * unrelated address, and bytes that cannot be a signature are a {@link MalformedSignatureException}.
 */
final class FakeLedgerKeys implements SignerRecovery {

    private final Map<String, byte[]> secrets = new LinkedHashMap<>();

    /** A new account with address {@code address}, whose signatures this recovery recognises. */
    LedgerSigning account(String address) {
        byte[] secret = ContentDigest.newSha256().digest(("fake key of " + address).getBytes(StandardCharsets.UTF_8));
        secrets.put(address, secret);
        return new LedgerSigning() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public byte[] sign(byte[] message) {
                return signature(secret, message);
            }
        };
    }

    @Override
    public String recover(byte[] message, byte[] signature) throws MalformedSignatureException {
        if (signature.length != LedgerSigning.SIGNATURE_LENGTH || signature[64] != 27) {
            throw new MalformedSignatureException("a fake ledger signature has 65 bytes and ends in 27");
        }
        for (Map.Entry<String, byte[]> account : secrets.entrySet()) {
            if (MessageDigest.isEqual(signature(account.getValue(), message), signature)) {
                return account.getKey();
            }
        }
        MessageDigest unrelated = ContentDigest.newSha256();
        unrelated.update(message);
        unrelated.update(signature);
        return "0x" + HexFormat.of().formatHex(unrelated.digest(), 0, 20);
    }

    private static byte[] signature(byte[] secret, byte[] message) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = Arrays.copyOf(hmac.doFinal(message), LedgerSigning.SIGNATURE_LENGTH);
            signature[64] = 27;
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
