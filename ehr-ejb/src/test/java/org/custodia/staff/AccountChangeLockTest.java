package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManagerFactory;

import org.custodia.kernel.StaffRole;
import org.custodia.persistence.TestDatabase;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.TestThreads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes to one staff account take turns ({@link StaffDirectory#lockedForChange}): an administrator's disable made
 * while the owner's password change is under way waits for it and then applies to what it committed, instead of
 * being overwritten by it. On the real schema, each change in its own transaction as the container runs it: on H2
 * here, on PostgreSQL in {@link AccountChangeLockPostgresTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountChangeLockTest {

    @TempDir
    static Path directory;

    private TestDatabase database;
    private EntityManagerFactory emf;

    TestDatabase openDatabase() throws Exception {
        return TestDatabase.h2(directory);
    }

    @BeforeAll
    void migrate() throws Exception {
        database = openDatabase();
        emf = database.persistenceUnit(StaffMember.class);
        TestPersistenceUnit.inTransaction(emf, em -> {
            em.persist(new StaffMember("nurse.1", "Nurse One", "hash-1", EnumSet.of(StaffRole.NURSE),
                    Instant.now(), false));
            return null;
        });
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void aDisableDuringThePasswordChangeWaitsForItAndStays() throws Exception {
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> ownerChange = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffMember member = StaffDirectory.lockedForChange(em, "nurse.1");
                    changing.countDown();
                    TestThreads.await(release);
                    member.replacePassword("hash-2", false, Instant.now());
                    return null;
                }));
        assertEquals(true, changing.await(30, TimeUnit.SECONDS), "the owner's change began");

        CompletableFuture<Boolean> disable = CompletableFuture.supplyAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffMember member = StaffDirectory.lockedForChange(em, "nurse.1");
                    boolean sawNewPassword = member.passwordHash().equals("hash-2");
                    member.activate(false, Instant.now());
                    return sawNewPassword;
                }));
        Thread.sleep(300);
        assertFalse(disable.isDone(), "the disable waits while the owner's change holds the account");
        release.countDown();
        ownerChange.get(30, TimeUnit.SECONDS);

        assertEquals(true, disable.get(30, TimeUnit.SECONDS), "the disable applied to what the owner committed");
        StaffMember after = TestPersistenceUnit.inTransaction(emf, em -> em.find(StaffMember.class, "nurse.1"));
        assertEquals(false, after.active(), "the disable was not undone");
        assertEquals("hash-2", after.passwordHash());
    }

    @Test
    void anAccountThatDoesNotExistIsNotFound() {
        assertThrows(StaffMemberNotFoundException.class, () -> TestPersistenceUnit.inTransaction(emf,
                em -> StaffDirectory.lockedForChange(em, "nobody")));
    }
}
