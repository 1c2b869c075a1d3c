package org.custodia.ledger.api;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Verifies what {@link LedgerConnection#sign(byte[])} signs, without a connection: it recovers the ledger account
 * that signed a message, so a receiver compares it with the account the sender claims and checks on chain that the
 * account is a member.
 *
 * <p>Format (the Ethereum {@code personal_sign} convention, EIP-191 version {@code 0x45}):
 * <ul>
 * <li>hash = Keccak-256( {@code 0x19} || {@code "Ethereum Signed Message:\n"} || the message length in bytes as
 * decimal ASCII digits || the message );</li>
 * <li>signature = recoverable secp256k1 ECDSA over that hash with the account key, 65 bytes: {@code r} (32 bytes,
 * big-endian) || {@code s} (32 bytes, big-endian, canonical: {@code s <= n/2}) || {@code v} (1 byte, 27 or 28 for
 * an even or odd y coordinate of the nonce point);</li>
 * <li>signer = the last 20 bytes of Keccak-256 of the recovered public key ({@code x || y}, 64 bytes).</li>
 * </ul>
 * The prefix keeps a signed message from ever being a valid transaction signature of the same key. The same
 * signature verifies with any Ethereum library, e.g. web3j {@code Sign.signedPrefixedMessageToKey}.
 */
public final class LedgerSignatures {

    /** Length of a signature: r, s and v. */
    public static final int SIGNATURE_LENGTH = 65;

    private static final byte[] PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);

    private LedgerSignatures() {
    }

    /** The hash that is signed for {@code message} (see the class description). */
    public static byte[] messageHash(byte[] message) {
        Objects.requireNonNull(message, "the message is missing");
        ByteArrayOutputStream prefixed = new ByteArrayOutputStream(PREFIX.length + 10 + message.length);
        prefixed.writeBytes(PREFIX);
        prefixed.writeBytes(Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII));
        prefixed.writeBytes(message);
        return Keccak256.hash(prefixed.toByteArray());
    }

    /**
     * The account whose key made {@code signature} over {@code message}. A signature over a different message
     * yields a different (meaningless) account, so compare the result with the account expected.
     * {@link LedgerConnection#recoverSigner} gives the same answers, several times faster.
     *
     * @throws InvalidSignatureException when {@code signature} is not a well-formed signature at all
     */
    public static LedgerAddress recoverSigner(byte[] message, byte[] signature) throws InvalidSignatureException {
        Objects.requireNonNull(message, "the signed message is missing");
        Components parsed = components(signature);
        byte[] publicKey = Secp256k1.recoverPublicKey(messageHash(message), parsed.r(), parsed.s(), parsed.recoveryId())
                .orElseThrow(LedgerSignatures::noCurvePoint);
        return addressOf(publicKey);
    }

    /** A well-formed signature's parts: {@code r} and {@code s} as numbers, {@code v} as a recovery id (0 or 1). */
    public record Components(BigInteger r, BigInteger s, int recoveryId) {
    }

    /**
     * The parts of {@code signature}, checked as {@link #recoverSigner} checks them: 65 bytes, {@code v} 27 or 28,
     * {@code r} between 1 and the curve order, {@code s} between 1 and half of it.
     *
     * @throws InvalidSignatureException when {@code signature} is not a well-formed signature at all
     */
    public static Components components(byte[] signature) throws InvalidSignatureException {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            throw new InvalidSignatureException("a ledger signature has " + SIGNATURE_LENGTH + " bytes (r, s, v), got "
                    + (signature == null ? "none" : signature.length));
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        int v = signature[64] & 0xff;
        if (v != 27 && v != 28) {
            throw new InvalidSignatureException("the last byte of a ledger signature (v) must be 27 or 28, got " + v);
        }
        if (r.signum() == 0 || r.compareTo(Secp256k1.N) >= 0) {
            throw new InvalidSignatureException("r of the ledger signature is not between 1 and the curve order");
        }
        if (s.signum() == 0 || s.compareTo(Secp256k1.HALF_N) > 0) {
            throw new InvalidSignatureException("s of the ledger signature is not between 1 and half the curve order "
                    + "(only canonical, low-s signatures are accepted)");
        }
        return new Components(r, s, v - 27);
    }

    /** The failure when a signature's {@code r} is no x coordinate of a curve point (or recovers no key). */
    public static InvalidSignatureException noCurvePoint() {
        return new InvalidSignatureException("the ledger signature's r is not the x coordinate of a curve point, so "
                + "no key made it");
    }

    /** Whether {@code signature} over {@code message} was made by {@code signer}'s key; false for malformed input. */
    public static boolean isSignedBy(byte[] message, byte[] signature, LedgerAddress signer) {
        Objects.requireNonNull(signer, "the expected signer is missing");
        try {
            return recoverSigner(message, signature).equals(signer);
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    /** The account of a public key given as 64 bytes {@code x || y}. */
    public static LedgerAddress addressOf(byte[] publicKey) {
        if (publicKey.length != 64) {
            throw new IllegalArgumentException("a public key is 64 bytes x || y, got " + publicKey.length);
        }
        byte[] hash = Keccak256.hash(publicKey);
        return LedgerAddress.of(Arrays.copyOfRange(hash, 12, 32));
    }
}
