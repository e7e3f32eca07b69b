package io.wanstudio.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The data source behind {@code java:app/jdbc/wan}, made from configuration when the container creates it:
 * {@code wan.db.url} (an H2 or a PostgreSQL JDBC URL) with {@code wan.db.user}/{@code wan.db.password}, else an H2
 * file database in {@code wan.data-dir}. Annotations cannot compute such a default or pick a driver class by URL,
 * and the drivers' own data sources are final, hence this small delegate.
 */
public class ConfiguredDataSource implements DataSource {
    private final DataSource target;
    private final String url;

    public ConfiguredDataSource() {
        Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
        url = config.getOptionalValue("wan.db.url", String.class).filter(u -> !u.isBlank()).map(String::trim)
                .orElseGet(() -> {
                    String dataDir = config.getOptionalValue("wan.data-dir", String.class).orElse("./data");
                    return "jdbc:h2:file:" + DataDirectory.resolve(dataDir).resolve("db").resolve("wan")
                            // WRITE_DELAY=0: a commit reaches the file at once, so a task stored as SUBMITTING
                            // just before its paid POST survives the process being killed right after.
                            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
                });
        String user = config.getOptionalValue("wan.db.user", String.class).orElse(null);
        String password = config.getOptionalValue("wan.db.password", String.class).orElse("");
        if (url.startsWith("jdbc:postgresql:")) {
            var postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            if (user != null) {
                postgres.setUser(user);
                postgres.setPassword(password);
            }
            target = postgres;
        } else if (url.startsWith("jdbc:h2:")) {
            var h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user == null ? "sa" : user);
            h2.setPassword(password);
            target = h2;
        } else {
            // said at start, not at the first query: any other database has neither migrations nor tests here
            throw new IllegalArgumentException("wan.db.url must be a jdbc:h2: or jdbc:postgresql: URL, not "
                    + url.substring(0, Math.min(url.length(), 30)) + "...");
        }
    }

    public String getURL() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        // the credentials are the configured ones; the container passes none of its own
        return target.getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
