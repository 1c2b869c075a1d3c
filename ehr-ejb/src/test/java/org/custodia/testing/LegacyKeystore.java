package org.custodia.testing;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.crypto.KeyGenerator;

import org.custodia.sealing.NodeKeystore;

/** The node keystore as versions before owner binding created it: the key-encryption key alone, no record. */
public final class LegacyKeystore {

    private LegacyKeystore() {
    }

    /** Writes such a keystore to {@code file}, its key entry protected by the store password as the node's is. */
    public static void create(Path file, char[] password) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(NodeKeystore.KEK_ALIAS, new KeyStore.SecretKeyEntry(generator.generateKey()),
                new KeyStore.PasswordProtection(password));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }
}
