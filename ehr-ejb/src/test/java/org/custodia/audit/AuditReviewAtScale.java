package org.custodia.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.custodia.outbox.OutboxCommand;
import org.custodia.persistence.SchemaMigrator;
import org.custodia.persistence.TestPersistenceUnit;
import org.custodia.testing.Beans;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.dialect.H2Dialect;

/**
 * What a privacy officer's review costs on a long trail: an H2 trail of {@code entries} (nine downloads by 300
 * accounts for every upload naming one of 20,000 patients, 30 ms apart), read through {@link AuditTrail#search} as a
 * review reads it, each query timed {@value #REPEATS} times after one untimed. The reference, timed in the same run
 * between the same queries, is the look-up of one entry by its id ({@link AuditTrail#find}). The trail is written once
 * into {@code directory} and reused.
 *
 * <p>Run: {@code ./mvnw -B -pl ehr-ejb -Pbenchmark verify -DskipTests -Dbenchmark.main=org.custodia.audit.AuditReviewAtScale
 * -Djmh.args="1000000 /tmp/audit-trail"}.
 */
public final class AuditReviewAtScale {

    private static final int REPEATS = 21;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private AuditReviewAtScale() {
    }

    public static void main(String[] args) throws SQLException {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path directory = Path.of(args.length > 1 ? args[1] : "target/audit-trail-" + entries);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("audit"));
        boolean written = Files.isDirectory(directory);
        SchemaMigrator.migrate(h2, AuditReviewAtScale.class.getClassLoader());
        // held open for the run: H2 closes a file database with its last connection
        try (Connection held = h2.getConnection()) {
            if (!written) {
                write(held, entries);
            }
            EntityManagerFactory emf = TestPersistenceUnit.create(h2, Map.of("hibernate.dialect",
                    H2Dialect.class.getName()), AuditEntry.class, AuditChainHead.class, OutboxCommand.class);
            try {
                measure(emf, entries);
            } finally {
                emf.close();
            }
        }
    }

    private static void measure(EntityManagerFactory emf, int entries) {
        Instant end = START.plusMillis(30L * entries + 1);
        AuditFilter all = new AuditFilter(null, null, null, null, end);
        int depth = entries / 4;
        AuditRecord positionDeep = TestPersistenceUnit.inTransaction(emf, em -> em.createQuery("select e from "
                + "AuditEntry e order by e.occurredAt desc, e.id desc", AuditEntry.class).setFirstResult(depth)
                .setMaxResults(1).getSingleResult().toRecord());
        UUID someEntry = positionDeep.id();
        Map<String, Function<AuditTrail, Object>> queries = new LinkedHashMap<>();
        queries.put("the newest page (50)", trail -> trail.search(all, null, 51));
        queries.put(String.format("a page %,d entries deep", depth), trail -> trail.search(all, positionDeep, 51));
        queries.put("an account's newest page", trail -> trail.search(new AuditFilter("staff7", null, null, null,
                end), null, 51));
        queries.put("a record id (subject)", trail -> trail.search(new AuditFilter(null, null,
                String.format("%064x", 777), null, end), null, 51));
        queries.put("a patient id (its uploads)", trail -> trail.search(new AuditFilter(null, null,
                new UUID(42, 1230).toString(), null, end), null, 51));
        long[] reference = new long[REPEATS];
        System.out.printf("audit review on a trail of %,d entries (H2), medians of %d:%n", entries, REPEATS);
        for (Map.Entry<String, Function<AuditTrail, Object>> query : queries.entrySet()) {
            read(emf, query.getValue());
            long[] times = new long[REPEATS];
            for (int i = 0; i < REPEATS; i++) {
                reference[i] = timed(emf, trail -> trail.find(someEntry));
                times[i] = timed(emf, query.getValue());
            }
            double median = median(times);
            double lookUp = median(reference);
            System.out.printf("  %-30s %9.2f ms  %7.1f look-ups by id (%.3f ms)%n", query.getKey(), median / 1e6,
                    median / lookUp, lookUp / 1e6);
        }
    }

    private static long timed(EntityManagerFactory emf, Function<AuditTrail, Object> query) {
        long started = System.nanoTime();
        read(emf, query);
        return System.nanoTime() - started;
    }

    private static <T> T read(EntityManagerFactory emf, Function<AuditTrail, T> query) {
        return TestPersistenceUnit.inTransaction(emf, (EntityManager em) -> {
            AuditTrail trail = new AuditTrail();
            Beans.inject(trail, AuditTrail.class, "em", em);
            return query.apply(trail);
        });
    }

    private static double median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void write(Connection connection, int entries) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_entry (id, occurred_at, "
                + "actor, action, subject, outcome, detail, named_patient) values (?, ?, ?, ?, ?, 'SUCCEEDED', ?, ?)")) {
            for (int i = 0; i < entries; i++) {
                boolean upload = i % 10 == 0;
                String detail = upload ? NamedPatient.detail(new UUID(42, i % 20_000), "category laboratory, "
                        + "4096 bytes") : "4096 bytes";
                insert.setObject(1, UUID.randomUUID());
                insert.setTimestamp(2, Timestamp.from(START.plusMillis(30L * i)));
                insert.setString(3, "staff" + i % 300);
                insert.setString(4, upload ? AuditedAction.RECORD_UPLOAD.code() : AuditedAction.RECORD_DOWNLOAD.code());
                insert.setString(5, String.format("%064x", i));
                insert.setString(6, detail);
                insert.setString(7, NamedPatient.in(detail));
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }
}
