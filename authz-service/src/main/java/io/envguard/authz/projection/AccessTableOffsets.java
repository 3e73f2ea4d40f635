package io.envguard.authz.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The offsets, per partition of the event topic, up to which the access table holds every event after its last bulk
 * load (table {@code access_table_offset}): a replica's consumers start there at the earliest, and a replica counts
 * them as applied.
 */
@ApplicationScoped
public class AccessTableOffsets {

    private final AgroalDataSource dataSource;

    public AccessTableOffsets(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Partition → the offset of the first record the table does not hold yet; empty before any bulk load. */
    public Map<Integer, Long> read() throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT topic_partition, next_offset FROM access_table_offset")) {
            while (rows.next()) {
                offsets.put(rows.getInt(1), rows.getLong(2));
            }
        }
        return offsets;
    }

    /** Replaces the offsets, in the caller's transaction: the one that swaps the loaded tables in. */
    static void write(Connection connection, Map<Integer, Long> offsets) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM public.access_table_offset");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO public.access_table_offset (topic_partition, next_offset) VALUES (?, ?)")) {
            for (var offset : offsets.entrySet()) {
                insert.setInt(1, offset.getKey());
                insert.setLong(2, offset.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
