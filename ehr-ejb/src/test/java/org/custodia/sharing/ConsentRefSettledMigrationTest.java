package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.custodia.persistence.H2FileDatabase;
import org.custodia.persistence.SchemaMigrator;
import org.custodia.persistence.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V41 on entries an earlier version noted (Flyway up to V40): one noted before the node kept an entry's
 * state counts as open, as the lists read it when its state was null, and the state is never null again.
 */
class ConsentRefSettledMigrationTest {

    @TempDir
    Path directory;

    @Test
    void entriesNotedBeforeTheirStateWasKeptAreOpenAndTheOthersKeepTheirs() throws Exception {
        try (H2FileDatabase file = TestDatabase.h2MigratedTo(directory, "40")) {
            DataSource database = file.dataSource();
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate(insert(1, "null"));
                statement.executeUpdate(insert(2, "true"));
                statement.executeUpdate(insert(3, "false"));
            }

            SchemaMigrator.migrate(database, getClass().getClassLoader());

            assertEquals(Map.of(1L, false, 2L, true, 3L, false), settled(database));
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                assertThrows(SQLException.class, () -> statement.executeUpdate(insert(4, "null")));
                statement.executeUpdate("insert into consent_ref (id, kind, chain_id, direction, patient_pseudonym, "
                        + "counterpart, recorded_at) values ('request:5', 'REQUEST', 5, 'INCOMING', 'p', 'c', "
                        + "current_timestamp)");
            }
            assertEquals(false, settled(database).get(5L), "noted without a state: open");
        }
    }

    private static String insert(long chainId, String settled) {
        return "insert into consent_ref (id, kind, chain_id, direction, patient_pseudonym, counterpart, recorded_at, "
                + "settled) values ('request:" + chainId + "', 'REQUEST', " + chainId + ", 'INCOMING', 'p', 'c', "
                + "current_timestamp, " + settled + ")";
    }

    private static Map<Long, Boolean> settled(DataSource database) throws SQLException {
        Map<Long, Boolean> settled = new HashMap<>();
        try (Connection connection = database.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("select chain_id, settled from consent_ref")) {
            while (rows.next()) {
                settled.put(rows.getLong(1), rows.getBoolean(2));
            }
        }
        return settled;
    }
}
