package org.custodia.kernel;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import javax.security.auth.Destroyable;

/**
 * Secret bytes (a private key encoding, a data key) that never leave as a raw array: {@link #read} lends a
 * temporary copy to a function and wipes it afterwards. {@code toString} shows only the length, equality is
 * identity ({@link #equalsSecret} compares contents in constant time), and {@link #destroy} wipes the contents.
 */
public final class SecretBytes implements Destroyable {

    /** A function given temporary access to the secret bytes; it must not keep the array. */
    @FunctionalInterface
    public interface Reader<R, E extends Exception> {
        R read(byte[] secret) throws E;
    }

    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes a copy of {@code secret}; the caller should wipe its own array. */
    public static SecretBytes copyOf(byte[] secret) {
        return new SecretBytes(secret.clone());
    }

    /** Takes {@code secret} over and wipes it on {@link #destroy}; the caller must not use it again. */
    public static SecretBytes adopt(byte[] secret) {
        return new SecretBytes(Objects.requireNonNull(secret));
    }

    public int size() {
        return bytes.length;
    }

    public <R, E extends Exception> R read(SecretAccess access, Reader<R, E> reader) throws E {
        Objects.requireNonNull(access, "secret access");
        if (destroyed) {
            throw new IllegalStateException("secret bytes have been destroyed");
        }
        byte[] copy = bytes.clone();
        try {
            return reader.read(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /** Compares contents in time independent of where they differ. */
    public boolean equalsSecret(SecretBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes, redacted]";
    }
}
