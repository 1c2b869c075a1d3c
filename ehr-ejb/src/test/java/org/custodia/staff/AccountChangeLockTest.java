package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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
            em.persist(new StaffMember("admin.a", "Admin A", "hash-a", EnumSet.of(StaffRole.ADMIN), Instant.now(),
                    false));
            em.persist(new StaffMember("admin.b", "Admin B", "hash-b", EnumSet.of(StaffRole.ADMIN), Instant.now(),
                    false));
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

    /**
     * Two administrators disabling each other at the same moment: the second waits for the first and is refused,
     * since its caller is disabled by then; the node keeps an active administrator. Before, each locked only its
     * target and both succeeded.
     */
    @Test
    void twoAdministratorsDisablingEachOtherLeaveOneActive() throws Exception {
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffMember b = StaffDirectory.lockedForAdministratorChange(em, "admin.a", "admin.b");
                    changing.countDown();
                    TestThreads.await(release);
                    b.activate(false, Instant.now());
                    return null;
                }));
        assertEquals(true, changing.await(30, TimeUnit.SECONDS), "the first disable began");

        CompletableFuture<Void> second = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffDirectory.lockedForAdministratorChange(em, "admin.b", "admin.a").activate(false,
                            Instant.now());
                    return null;
                }));
        Thread.sleep(300);
        assertFalse(second.isDone(), "the second waits while the first holds both accounts");
        release.countDown();
        first.get(30, TimeUnit.SECONDS);

        ExecutionException refused = assertThrows(ExecutionException.class, () -> second.get(30, TimeUnit.SECONDS));
        assertInstanceOf(AccountChangeRefusedException.class, refused.getCause(), refused.toString());
        assertEquals(true, TestPersistenceUnit.inTransaction(emf, em -> em.find(StaffMember.class, "admin.a"))
                .active(), "the first caller stays an active administrator");
        assertEquals(false, TestPersistenceUnit.inTransaction(emf, em -> em.find(StaffMember.class, "admin.b"))
                .active());
    }

    /**
     * An administrator disabled while their creation of an account, or their enabling or reset of one, waited for the
     * accounts: each is refused, the caller's account read as committed. Before, a creation checked nothing and an
     * enabling or a reset locked only its target: an administrator being disabled could enable their own account
     * again, or reset another's password, with a request already under way.
     */
    @Test
    void anAdministratorDisabledMeanwhileCreatesEnablesAndResetsNothing() throws Exception {
        TestPersistenceUnit.inTransaction(emf, em -> {
            em.persist(new StaffMember("admin.c", "Admin C", "hash-c", EnumSet.of(StaffRole.ADMIN), Instant.now(),
                    false));
            em.persist(new StaffMember("admin.d", "Admin D", "hash-d", EnumSet.of(StaffRole.ADMIN), Instant.now(),
                    false));
            return null;
        });
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> disable = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffMember d = StaffDirectory.lockedForAdministratorChange(em, "admin.c", "admin.d");
                    changing.countDown();
                    TestThreads.await(release);
                    d.activate(false, Instant.now());
                    return null;
                }));
        assertEquals(true, changing.await(30, TimeUnit.SECONDS), "the disable began");

        CompletableFuture<Void> create = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffDirectory.lockAsActiveAdministrator(em, "admin.d", "someone.new");
                    return null;
                }));
        CompletableFuture<Void> enableOwn = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffDirectory.lockedForAdministratorChange(em, "admin.d", "admin.d").activate(true,
                            Instant.now());
                    return null;
                }));
        Thread.sleep(300);
        assertFalse(create.isDone() || enableOwn.isDone(), "both wait while the disable holds admin.d");
        release.countDown();
        disable.get(30, TimeUnit.SECONDS);

        for (CompletableFuture<Void> change : List.of(create, enableOwn)) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> change.get(30, TimeUnit.SECONDS));
            assertInstanceOf(AccountChangeRefusedException.class, refused.getCause(), refused.toString());
        }
        assertEquals(false, TestPersistenceUnit.inTransaction(emf, em -> em.find(StaffMember.class, "admin.d"))
                .active(), "the disable stays");
    }

    /**
     * The caller's and the target's accounts are locked in username order, whoever is which: a change by order.b to
     * order.a that waits for order.a holds nothing else yet, so order.b's own account stays free meanwhile. Locked in
     * the order caller, target, two opposite changes could each hold one account and wait for the other. On
     * PostgreSQL the query's order decides (with "order by username desc" this fails there, tried); H2 looks the
     * names up in key order whatever the query asks, so on H2 it passes either way.
     */
    @Test
    void anAdministratorsChangeLocksBothAccountsInUsernameOrder() throws Exception {
        TestPersistenceUnit.inTransaction(emf, em -> {
            em.persist(new StaffMember("order.a", "Order A", "hash-a", EnumSet.of(StaffRole.ADMIN), Instant.now(),
                    false));
            em.persist(new StaffMember("order.b", "Order B", "hash-b", EnumSet.of(StaffRole.ADMIN), Instant.now(),
                    false));
            return null;
        });
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffDirectory.lockedForChange(em, "order.a");
                    held.countDown();
                    TestThreads.await(release);
                    return null;
                }));
        assertEquals(true, held.await(30, TimeUnit.SECONDS), "order.a is held");
        CompletableFuture<Void> change = CompletableFuture.runAsync(() ->
                TestPersistenceUnit.inTransaction(emf, em -> {
                    StaffDirectory.lockedForAdministratorChange(em, "order.b", "order.a");
                    return null;
                }));
        Thread.sleep(300);
        try {
            assertFalse(change.isDone(), "the change waits for order.a, the first in order");
            CompletableFuture<Void> callerFree = CompletableFuture.runAsync(() ->
                    TestPersistenceUnit.inTransaction(emf, em -> {
                        StaffDirectory.lockedForChange(em, "order.b");
                        return null;
                    }));
            callerFree.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        holder.get(30, TimeUnit.SECONDS);
        change.get(30, TimeUnit.SECONDS);
    }

    @Test
    void anAccountThatDoesNotExistIsNotFound() {
        assertThrows(StaffMemberNotFoundException.class, () -> TestPersistenceUnit.inTransaction(emf,
                em -> StaffDirectory.lockedForChange(em, "nobody")));
    }
}
