package org.custodia.kernel;

/**
 * Token required to read the bytes inside a {@link SecretBytes}. Passing it is a deliberate, searchable act: every
 * place that handles raw secret material calls {@link #get()}, so a review can find them all.
 */
public final class SecretAccess {

    private static final SecretAccess INSTANCE = new SecretAccess();

    private SecretAccess() {
    }

    public static SecretAccess get() {
        return INSTANCE;
    }
}
