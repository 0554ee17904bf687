package dev.apilab.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of SQL run on one connection, inside a transaction when it writes. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
