package org.custodia.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.jdbcx.JdbcDataSource;

/**
 * An H2 database in a file, kept open by a connection of its own until {@link #close()}. H2 closes a file database
 * when its last connection ends, compacting and syncing the file, and opens it again at the next connection; without
 * a pool (as in tests outside the container) every transaction paid for that, seconds a test.
 */
public final class H2FileDatabase implements AutoCloseable {

    private final JdbcDataSource dataSource;
    private final Connection keptOpen;

    private H2FileDatabase(JdbcDataSource dataSource) {
        this.dataSource = dataSource;
        try {
            keptOpen = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 database " + dataSource.getURL(), e);
        }
    }

    /** The database in {@code file} (H2 adds its own suffix), created when it does not exist. */
    public static H2FileDatabase open(Path file) {
        return open(file, "", "");
    }

    /** As {@link #open(Path)}, as {@code user} with {@code password}. */
    public static H2FileDatabase open(Path file, String user, String password) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + file);
        h2.setUser(user);
        h2.setPassword(password);
        return new H2FileDatabase(h2);
    }

    public JdbcDataSource dataSource() {
        return dataSource;
    }

    /** Ends the connection that kept the database open; H2 closes the file once the others have ended too. */
    @Override
    public void close() {
        try {
            keptOpen.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the H2 database " + dataSource.getURL(), e);
        }
    }
}
