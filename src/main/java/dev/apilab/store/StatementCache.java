package dev.apilab.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps SQLite's prepared statements per connection, because preparing SQL was a quarter of the
 * CPU of a request (bench/results). The work sees an ordinary Connection whose prepareStatement
 * answers a kept statement and whose statements' close() only makes them ready for the next use.
 * SQLite connections are never retired by the pool, so the statements live as long as they do.
 */
final class StatementCache implements AutoCloseable {
    private final Map<Connection, Map<String, PreparedStatement>> statements = new ConcurrentHashMap<>();

    /** {@code pooled} as the work should see it: statements prepared once per physical connection. */
    Connection wrap(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(org.sqlite.SQLiteConnection.class);
        Map<String, PreparedStatement> kept = statements.computeIfAbsent(physical, c -> new HashMap<>());
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                    && (args.length == 1 || (args.length == 2 && args[1] instanceof Integer))) {
                String key = args.length == 1 ? sql : sql + "\u0000" + args[1];
                PreparedStatement statement = kept.get(key);
                if (statement == null || statement.isClosed()) {
                    statement = args.length == 1 ? physical.prepareStatement(sql) : physical.prepareStatement(sql, (Integer) args[1]);
                    kept.put(key, statement);
                }
                return reusable(statement);
            }
            return invoke(pooled, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static PreparedStatement reusable(PreparedStatement statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                statement.clearParameters();
                statement.clearBatch();
                return null;
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        for (Map<String, PreparedStatement> kept : statements.values()) {
            for (PreparedStatement statement : kept.values()) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // The connection is closing anyway.
                }
            }
        }
        statements.clear();
    }
}
