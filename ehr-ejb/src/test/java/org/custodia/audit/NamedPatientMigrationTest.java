package org.custodia.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.custodia.persistence.SchemaMigrator;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V35 on a trail an earlier version wrote (Flyway up to V33): each entry indexed under the patient its
 * detail names exactly as {@link NamedPatient} reads it for the entries written since, so that the trail's check
 * reports none of them; on H2 here, on PostgreSQL in {@link NamedPatientMigrationPostgresTest}.
 */
class NamedPatientMigrationTest {

    @TempDir
    Path directory;

    /** A database no migration has touched yet. */
    DataSource bareDatabase() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("custodia"));
        return h2;
    }

    @Test
    void entriesWrittenBeforeAreIndexedUnderThePatientTheirDetailNames() throws Exception {
        UUID patient = UUID.randomUUID();
        List<String> details = new ArrayList<>();
        details.add(NamedPatient.detail(patient, "category laboratory, 4096 bytes"));
        details.add("patient " + patient);
        details.add("patient " + patient.toString().toUpperCase(Locale.ROOT) + ", category imaging");
        details.add("Patient " + patient + ", category imaging");
        details.add("patient  " + patient + ", two spaces");
        details.add("patient " + "a".repeat(36) + ", no dashes");
        details.add("patient " + patient.toString().substring(0, 35));
        details.add("served to patient " + patient);
        details.add("1 records");
        details.add(null);

        DataSource trail = bareDatabase();
        Flyway.configure(getClass().getClassLoader()).dataSource(trail).locations("classpath:db/migration")
                .target("33").load().migrate();
        Map<UUID, String> written = new HashMap<>();
        try (Connection connection = trail.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into audit_entry (id, occurred_at, actor, action, subject, outcome, detail) "
                        + "values (?, ?, 'p.phys', 'record.upload', 'record', 'SUCCEEDED', ?)")) {
            for (String detail : details) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setTimestamp(2, Timestamp.from(Instant.parse("2026-11-30T08:00:00Z")));
                insert.setString(3, detail);
                insert.executeUpdate();
                written.put(id, detail);
            }
        }

        SchemaMigrator.migrate(trail, getClass().getClassLoader());

        Map<UUID, String> indexed = namedPatients(trail);
        assertEquals(written.keySet(), indexed.keySet());
        written.forEach((id, detail) -> assertEquals(NamedPatient.in(detail), indexed.get(id), detail));
        assertEquals(3, indexed.values().stream().filter(value -> value != null).count(),
                "the upload's detail, the id alone and the id in capitals name a patient: " + indexed);
    }

    private static Map<UUID, String> namedPatients(DataSource trail) throws SQLException {
        Map<UUID, String> indexed = new HashMap<>();
        try (Connection connection = trail.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "select id, named_patient from audit_entry")) {
            while (rows.next()) {
                indexed.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        return indexed;
    }
}
