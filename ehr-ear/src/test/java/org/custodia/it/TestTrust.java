package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates the tests trust, as a node's clients would: the test node's own certificate (generated at
 * provisioning into its secrets directory) and the development CA the run command creates for the consortium. They
 * appear while the tests run (the consortium starts inside a test class), so they are read at each handshake, not
 * once. Host names are verified as usual. Nothing else is trusted.
 */
final class TestTrust implements X509TrustManager {

    static final SSLContext CONTEXT = context();

    private TestTrust() {
    }

    /**
     * Makes these the JVM's defaults, for the clients the tests do not build themselves (Arquillian's servlet
     * protocol, which runs in-container tests through the application's HTTPS listener).
     */
    static void installAsDefault() {
        SSLContext.setDefault(CONTEXT);
        HttpsURLConnection.setDefaultSSLSocketFactory(CONTEXT.getSocketFactory());
    }

    private static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TestTrust()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the tests", e);
        }
    }

    /** The files holding the trusted certificates (PEM); those that do not exist yet are skipped. */
    private static List<Path> trustedFiles() {
        List<Path> files = new ArrayList<>();
        String secrets = System.getProperty("it.secrets.dir");
        if (secrets != null) {
            files.add(Path.of(secrets).resolve("tls-certificate.pem"));
        }
        files.add(ConsortiumNodes.home().resolve("dev-ca").resolve("dev-ca.pem"));
        return files;
    }

    private static X509TrustManager current() throws CertificateException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (Path file : trustedFiles()) {
                if (Files.isRegularFile(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        for (Certificate certificate : factory.generateCertificates(in)) {
                            store.setCertificateEntry("trusted-" + n++, certificate);
                        }
                    }
                }
            }
            TrustManagerFactory factoryOfManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            factoryOfManagers.init(store);
            return (X509TrustManager) factoryOfManagers.getTrustManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateException("cannot read the certificates the tests trust: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the tests are never a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
