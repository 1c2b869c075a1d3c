package org.custodia.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.ledger.api.AuditHead;
import org.custodia.outbox.Outbox;
import org.custodia.outbox.OutboxCommand;
import org.custodia.outbox.OutboxTesting;
import org.custodia.persistence.H2FileDatabase;
import org.custodia.persistence.SchemaMigrator;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;
import org.hibernate.dialect.H2Dialect;

/**
 * The migrated schema on an H2 file database, an {@link AuditTrail} whose every call runs in its own transaction
 * (as the container runs it, queuing into the outbox in the same transaction), and direct access to the trail's
 * rows, as someone who can rewrite the database has.
 */
final class AuditDatabase implements AutoCloseable {

    private final H2FileDatabase h2;
    private final EntityManagerFactory emf;
    private final AuditTrail trail = new TransactionalTrail();

    AuditDatabase(Path directory) {
        h2 = H2FileDatabase.open(directory.resolve("audit"));
        try {
            SchemaMigrator.migrate(h2.dataSource(), getClass().getClassLoader());
            emf = TestPersistenceUnit.create(h2.dataSource(), Map.of("hibernate.dialect",
                    H2Dialect.class.getName()), AuditEntry.class, AuditChainHead.class, OutboxCommand.class);
        } catch (RuntimeException e) {
            h2.close();
            throw e;
        }
    }

    AuditTrail trail() {
        return trail;
    }

    OutboxTesting outbox() {
        return new OutboxTesting(emf);
    }

    /** Writes {@code count} entries and seals everything written so far; returns the sealed head's sequence. */
    long sealed(int count) {
        for (int i = 0; i < count; i++) {
            trail.record("p.phys", AuditedAction.RECORD_DOWNLOAD, "record-" + i, AuditOutcome.SUCCEEDED,
                    "entry " + i);
        }
        trail.sealPending(10_000);
        return trail.verify().head();
    }

    /**
     * What someone with database access does to hide an act: changes the detail of entry {@code sequence}, then
     * recomputes the hashes of that entry and of every later one and moves the head row to the new last hash, so
     * that the hash chain holds again.
     */
    void rewriteAndReseal(long sequence, String detail) {
        inTransaction(em -> em.createQuery("update AuditEntry e set e.detail = :detail where e.sequence = :sequence")
                .setParameter("detail", detail).setParameter("sequence", sequence).executeUpdate());
        inTransaction(em -> {
            List<AuditEntry> rewritten = em.createQuery("select e from AuditEntry e where e.sequence >= :sequence "
                    + "order by e.sequence", AuditEntry.class).setParameter("sequence", sequence).getResultList();
            String previous = sequence == 1 ? AuditHashes.GENESIS : em.createQuery("select e.entryHash from "
                    + "AuditEntry e where e.sequence = :before", String.class)
                    .setParameter("before", sequence - 1).getSingleResult();
            for (AuditEntry entry : rewritten) {
                entry.seal(entry.sequence(), previous);
                previous = entry.entryHash();
            }
            em.find(AuditChainHead.class, AuditChainHead.ID).advance(rewritten.get(rewritten.size() - 1),
                    Instant.now());
        });
    }

    /** Indexes entry {@code sequence} under {@code patient} (null: under none), leaving its detail and hash alone. */
    void reindexPatient(long sequence, String patient) {
        inTransaction(em -> em.createQuery("update AuditEntry e set e.namedPatient = :patient "
                + "where e.sequence = :sequence").setParameter("patient", patient).setParameter("sequence", sequence)
                .executeUpdate());
    }

    /** Deletes the entries after {@code sequence} and moves the head row back to it, so that the hash chain holds. */
    void truncateAfter(long sequence) {
        inTransaction(em -> {
            em.createQuery("delete from AuditEntry e where e.sequence > :sequence").setParameter("sequence", sequence)
                    .executeUpdate();
            AuditEntry last = em.createQuery("select e from AuditEntry e where e.sequence = :sequence",
                    AuditEntry.class).setParameter("sequence", sequence).getSingleResult();
            em.find(AuditChainHead.class, AuditChainHead.ID).advance(last, Instant.now());
        });
    }

    /**
     * Deletes entry {@code sequence} alone and sets the head row back to the entry before it, leaving the later
     * entries as they are: the hash chain up to the head holds, and the newest anchored entry is still there.
     */
    void deleteAndSetHeadBack(long sequence) {
        inTransaction(em -> {
            em.createQuery("delete from AuditEntry e where e.sequence = :sequence").setParameter("sequence", sequence)
                    .executeUpdate();
            AuditEntry before = em.createQuery("select e from AuditEntry e where e.sequence = :sequence",
                    AuditEntry.class).setParameter("sequence", sequence - 1).getSingleResult();
            em.find(AuditChainHead.class, AuditChainHead.ID).advance(before, Instant.now());
        });
    }

    private void inTransaction(Consumer<EntityManager> work) {
        TestPersistenceUnit.inTransaction(emf, em -> {
            work.accept(em);
            return null;
        });
    }

    @Override
    public void close() {
        emf.close();
        h2.close();
    }

    /** Each call in its own resource-local transaction. */
    private final class TransactionalTrail extends AuditTrail {

        private <T> T inTransaction(Supplier<T> work) {
            return TestPersistenceUnit.inTransaction(emf, em -> {
                Beans.inject(this, AuditTrail.class, "em", em);
                Outbox outbox = OutboxTesting.joining(em, Clock.systemUTC());
                Beans.inject(this, AuditTrail.class, "outbox", outbox);
                return work.get();
            });
        }

        @Override
        public AuditRecord record(String actor, AuditedAction action, String subject, AuditOutcome outcome,
                String detail) {
            return inTransaction(() -> super.record(actor, action, subject, outcome, detail));
        }

        @Override
        public int sealPending(int max) {
            return inTransaction(() -> super.sealPending(max));
        }

        @Override
        public boolean requestAnchor(Duration interval) {
            return inTransaction(() -> super.requestAnchor(interval));
        }

        @Override
        public long anchorRequested() {
            return inTransaction(super::anchorRequested);
        }

        @Override
        public Optional<AuditHead> sealedHead(long sequence) {
            return inTransaction(() -> super.sealedHead(sequence));
        }

        @Override
        public AuditChainReport verify() {
            return inTransaction(super::verify);
        }
    }
}
