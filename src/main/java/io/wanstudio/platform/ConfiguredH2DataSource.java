package io.wanstudio.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The H2 data source behind {@code java:app/jdbc/wan}, its URL taken from configuration when the container
 * creates it: {@code wan.db.url} if set, else a file database in {@code wan.data-dir}. Annotations cannot compute
 * such a default, and H2's own class is final, hence this small delegate.
 */
public class ConfiguredH2DataSource implements DataSource {
    private final JdbcDataSource h2 = new JdbcDataSource();

    public ConfiguredH2DataSource() {
        var config = ConfigProvider.getConfig(ConfiguredH2DataSource.class.getClassLoader());
        String url = config.getOptionalValue("wan.db.url", String.class).filter(u -> !u.isBlank())
                .orElseGet(() -> {
                    String dataDir = config.getOptionalValue("wan.data-dir", String.class).orElse("./data");
                    return "jdbc:h2:file:" + DataDirectory.resolve(dataDir).resolve("db").resolve("wan")
                            // WRITE_DELAY=0: a commit reaches the file at once, so a task stored as SUBMITTING
                            // just before its paid POST survives the process being killed right after.
                            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
                });
        h2.setURL(url);
        h2.setUser(config.getOptionalValue("wan.db.user", String.class).orElse("sa"));
        h2.setPassword(config.getOptionalValue("wan.db.password", String.class).orElse(""));
    }

    public String getURL() {
        return h2.getURL();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return h2.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return h2.getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return h2.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        h2.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        h2.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return h2.getLoginTimeout();
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
        return h2.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || h2.isWrapperFor(type);
    }
}
