package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.persistence.TestDatabase;
import org.custodia.testing.Beans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nonces of node calls on the real schema (Flyway migrations), outside a container, each call in its own
 * transaction as the container runs it: on H2 here, on PostgreSQL in {@link NonceRegistryPostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NonceRegistryTest {

    private static final String HOSPITAL_A = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    private static final String PROXY = "0xab8483f64d9c6d1ecf9b849ae677dd3315835cb2";
    private static final Duration WINDOW = NodeCallVerifier.DEFAULT_WINDOW;

    @TempDir
    static Path directory;

    private final SecureRandom random = new SecureRandom();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private TestDatabase database;
    private EntityManagerFactory emf;

    /** The database the tests run on. */
    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2(directory);
    }

    @BeforeAll
    void migrate() throws Exception {
        database = openDatabase();
        emf = start();
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void aNonceIsUsedOnceThenRecognisedAsAReplay() {
        NonceRegistry registry = registry(emf);
        String nonce = newNonce();

        assertTrue(registry.firstUse(HOSPITAL_A, nonce, now, WINDOW));
        assertFalse(registry.firstUse(HOSPITAL_A, nonce, now, WINDOW));
        assertFalse(registry.firstUse(HOSPITAL_A, nonce, now.plusSeconds(1), WINDOW), "also with another created");
    }

    @Test
    void anotherCallerMayUseTheSameNonce() {
        NonceRegistry registry = registry(emf);
        String nonce = newNonce();

        assertTrue(registry.firstUse(HOSPITAL_A, nonce, now, WINDOW));
        assertTrue(registry.firstUse(PROXY, nonce, now, WINDOW));
    }

    @Test
    void aUsedNonceIsRememberedAcrossARestart() {
        String nonce = newNonce();
        assertTrue(registry(emf).firstUse(HOSPITAL_A, nonce, now, WINDOW));

        try (EntityManagerFactory restarted = start()) {
            assertFalse(registry(restarted).firstUse(HOSPITAL_A, nonce, now, WINDOW));
        }
    }

    @Test
    void expiredNoncesArePurgedAndTheOthersKeptUntilTheirSignaturesAreStale() {
        NonceRegistry registry = registry(emf);
        String expired = newNonce();
        String lastSecond = newNonce();
        String fresh = newNonce();
        assertTrue(registry.firstUse(HOSPITAL_A, expired, now.minus(WINDOW).minusSeconds(1), WINDOW));
        assertTrue(registry.firstUse(HOSPITAL_A, lastSecond, now.minus(WINDOW), WINDOW));
        assertTrue(registry.firstUse(HOSPITAL_A, fresh, now, WINDOW));

        assertEquals(1, registry.purgeExpired(now));

        assertTrue(registry.firstUse(HOSPITAL_A, expired, now.minus(WINDOW).minusSeconds(1), WINDOW),
                "purged: its signature is refused as stale anyway");
        assertFalse(registry.firstUse(HOSPITAL_A, lastSecond, now.minus(WINDOW), WINDOW),
                "kept: a signature created exactly one window ago is still accepted");
        assertFalse(registry.firstUse(HOSPITAL_A, fresh, now, WINDOW));
    }

    private EntityManagerFactory start() {
        return database.persistenceUnit(SeenNonce.class);
    }

    private String newNonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** A registry over {@code emf} whose every call is one resource-local transaction, settled as in the container. */
    private static NonceRegistry registry(EntityManagerFactory emf) {
        return new NonceRegistry() {
            @Override
            public boolean firstUse(String keyid, String nonce, Instant created, Duration window) {
                return inTransaction(emf, this, () -> super.firstUse(keyid, nonce, created, window));
            }

            @Override
            public int purgeExpired(Instant now) {
                return inTransaction(emf, this, () -> super.purgeExpired(now));
            }
        };
    }

    /**
     * Runs {@code work} in a new transaction of {@code registry}'s entity manager, then commits, or rolls back when
     * the work marked the transaction for rollback (as a duplicate insert does).
     */
    private static <T> T inTransaction(EntityManagerFactory emf, NonceRegistry registry, Supplier<T> work) {
        EntityManager em = emf.createEntityManager();
        Beans.inject(registry, NonceRegistry.class, "em", em);
        try {
            em.getTransaction().begin();
            T result = work.get();
            if (em.getTransaction().getRollbackOnly()) {
                em.getTransaction().rollback();
            } else {
                em.getTransaction().commit();
            }
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
