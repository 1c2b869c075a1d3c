package org.custodia.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.custodia.persistence.H2FileDatabase;
import org.custodia.persistence.SchemaMigrator;
import org.custodia.persistence.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V27 on a database that an earlier version left (H2, Flyway up to V25): the anchor commands it queued
 * for records other hospitals shared are removed, this hospital's own pending anchors stay.
 */
class ReceivedRecordAnchorCleanupTest {

    private static final String OWN = "0a".repeat(32);
    private static final String RECEIVED = "0b".repeat(32);

    @TempDir
    Path directory;

    @Test
    void theUpgradeDropsAnchorCommandsOfReceivedRecordsAndKeepsTheOwn() throws SQLException {
        try (H2FileDatabase database = TestDatabase.h2MigratedTo(directory, "25")) {
            DataSource h2 = database.dataSource();
            try (Connection connection = h2.getConnection()) {
                UUID patient = UUID.randomUUID();
                try (PreparedStatement insert = connection.prepareStatement("insert into patient (id, mrn, pseudonym, "
                        + "sealed_demographics, public_key, wrapped_private_key, registered_at, registered_by) "
                        + "values (?, 'MRN-1', ?, X'01', X'02', X'03', current_timestamp, 'clerk')")) {
                    insert.setObject(1, patient);
                    insert.setString(2, "ab".repeat(32));
                    insert.executeUpdate();
                }
                insertRecord(connection, OWN, patient, null);
                insertRecord(connection, RECEIVED, patient, "0x" + "70".repeat(20));
                insertAnchorCommand(connection, OWN);
                insertAnchorCommand(connection, RECEIVED);
            }

            SchemaMigrator.migrate(h2, getClass().getClassLoader());

            assertEquals(List.of(OWN), anchorCommandSubjects(h2));
        }
    }

    private static void insertRecord(Connection connection, String id, UUID patient, String receivedFrom)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into health_record (id, patient_id, "
                + "category, title, content_type, size_bytes, envelope_hash, envelope_size, storage_key, "
                + "anchor_status, created_at, created_by, received_from) values (?, ?, 'laboratory', 'Blood count', "
                + "'application/pdf', 10, ?, 20, ?, ?, current_timestamp, 'd.ross', ?)")) {
            insert.setString(1, id);
            insert.setObject(2, patient);
            insert.setString(3, id);
            insert.setString(4, id);
            insert.setString(5, receivedFrom == null ? "PENDING" : "ANCHORED");
            insert.setString(6, receivedFrom);
            insert.executeUpdate();
        }
    }

    private static void insertAnchorCommand(Connection connection, String recordId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into outbox_command (id, kind, subject, "
                + "attempts, next_attempt_at, created_at) values (?, ?, ?, 3, current_timestamp, current_timestamp)")) {
            insert.setString(1, AnchorRecordCommand.KIND + ":" + recordId);
            insert.setString(2, AnchorRecordCommand.KIND);
            insert.setString(3, recordId);
            insert.executeUpdate();
        }
    }

    private static List<String> anchorCommandSubjects(DataSource h2) throws SQLException {
        List<String> subjects = new ArrayList<>();
        try (Connection connection = h2.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select subject from outbox_command where kind = ? order by subject")) {
            query.setString(1, AnchorRecordCommand.KIND);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                }
            }
        }
        return subjects;
    }
}
