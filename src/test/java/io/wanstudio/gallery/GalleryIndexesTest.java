package io.wanstudio.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The migrations' indexes against the shape of SQL that {@link GalleryStore#keys} makes (EclipseLink writes its
 * JPQL as this): with 20,000 tasks, a deep page in every sort, with and without a state filter, walks an index in
 * order from the cursor and reads only a page of rows (H2's EXPLAIN ANALYZE: "index sorted", scanCount): both
 * of its queries, the rest of the cursor's key and the keys beyond it.
 */
class GalleryIndexesTest {
    private static final int PAGE = 49;
    private static final Pattern SCANNED = Pattern.compile("scanCount: (\\d+)");
    private static Connection db;

    @BeforeAll
    static void migrateAndFill() throws SQLException {
        String url = "jdbc:h2:mem:gallery-indexes;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, "sa", "");
        try (var fill = db.createStatement()) {
            // two owners, mixed states, durations, prices, one task in 13 a favourite
            fill.execute("INSERT INTO generation_task (id, owner, state, prompt, first_frame, duration_seconds,"
                    + " resolution, prompt_extend, watermark, cost_estimate, currency, created_at, updated_at,"
                    + " favourite) SELECT x, CASE WHEN MOD(x, 2) = 0 THEN 'alice' ELSE 'bob' END,"
                    + " CASE WHEN MOD(x, 7) = 0 THEN 'FAILED' ELSE 'COMPLETED' END, 'prompt ' || x, 'https://x',"
                    + " MOD(x, 14) + 2, '720P', TRUE, FALSE, (MOD(x, 14) + 2) * 0.05, 'USD',"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z' + x * INTERVAL '1' MINUTE,"
                    + " CURRENT_TIMESTAMP, MOD(x, 13) = 0 FROM SYSTEM_RANGE(1, 20000)");
            fill.execute("ANALYZE");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @ParameterizedTest(name = "{0} {1}, state filter: {2}")
    @CsvSource({
        "created_at, DESC, false", "created_at, ASC, false", "duration_seconds, DESC, false",
        "duration_seconds, ASC, false", "cost_estimate, DESC, false", "cost_estimate, ASC, false",
        "created_at, DESC, true", "created_at, ASC, true", "duration_seconds, DESC, true",
        "duration_seconds, ASC, true", "cost_estimate, DESC, true", "cost_estimate, ASC, true"})
    void aDeepPageWalksAnIndexFromTheCursor(String key, String direction, boolean byState) throws SQLException {
        String beyond = direction.equals("DESC") ? " < " : " > ";
        // a cursor in the middle of alice's 10,000 tasks; durations and prices have ~700 tasks per value
        Object[] cursor = row("SELECT " + key + ", id FROM generation_task WHERE owner = 'alice'"
                + (byState ? " AND state = 'COMPLETED'" : "") + " ORDER BY " + key + ", id LIMIT 1 OFFSET 4000");
        String where = "EXPLAIN ANALYZE SELECT id, " + key + " FROM generation_task WHERE owner = ?"
                + (byState ? " AND state = ?" : "");
        String orderBy = " ORDER BY owner " + direction + (byState ? ", state " + direction : "") + ", " + key
                + " " + direction + ", id " + direction + " LIMIT " + PAGE;
        Object[] owner = byState ? new Object[] {"alice", "COMPLETED"} : new Object[] {"alice"};

        String rest = explain(where + " AND " + key + " = ? AND id" + beyond + "?" + orderBy,
                append(owner, cursor[0], cursor[1]));
        Object next = new GalleryCursor(sort(key, direction), key(cursor[0]), 0).nextKey();
        String further = explain(where + " AND " + key + (beyond.equals(" < ") ? " <= " : " >= ") + "?" + orderBy,
                append(owner, next instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                        : next));

        for (String plan : new String[] {rest, further}) {
            assertThat(plan).contains("/* index sorted */");
            assertThat(plan).containsPattern("PUBLIC\\.IX_TASK_OWNER_" + (byState ? "STATE_" : ""));
            assertThat(scanned(plan)).as(plan).isLessThanOrEqualTo(PAGE + 1);
        }
    }

    private static GalleryQuery.Sort sort(String column, String direction) {
        boolean descending = direction.equals("DESC");
        return switch (column) {
            case "created_at" -> descending ? GalleryQuery.Sort.NEWEST : GalleryQuery.Sort.OLDEST;
            case "duration_seconds" -> descending ? GalleryQuery.Sort.LONGEST : GalleryQuery.Sort.SHORTEST;
            default -> descending ? GalleryQuery.Sort.COSTLIEST : GalleryQuery.Sort.CHEAPEST;
        };
    }

    /** The key as the app holds it (an Instant where JDBC gives a date-time with offset). */
    private static Object key(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : value;
    }

    private static Object[] append(Object[] first, Object... more) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @ParameterizedTest(name = "favourites {0}")
    @CsvSource({"DESC", "ASC"})
    void favouritesWalkTheirOwnIndex(String direction) throws SQLException {
        String plan = explain("EXPLAIN ANALYZE SELECT id, created_at FROM generation_task WHERE owner = ? AND"
                + " favourite = TRUE ORDER BY owner " + direction + ", favourite " + direction + ", created_at "
                + direction + ", id " + direction + " LIMIT " + PAGE, new Object[] {"alice"});

        assertThat(plan).contains("/* index sorted */").contains("IX_TASK_OWNER_FAVOURITE_CREATED");
        assertThat(scanned(plan)).as(plan).isLessThanOrEqualTo(PAGE + 1);
    }

    private static Object[] row(String sql) throws SQLException {
        try (var statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return new Object[] {rows.getObject(1), rows.getObject(2)};
        }
    }

    private static String explain(String sql, Object[] parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet plan = statement.executeQuery()) {
                assertThat(plan.next()).isTrue();
                return plan.getString(1);
            }
        }
    }

    private static int scanned(String plan) {
        Matcher count = SCANNED.matcher(plan);
        assertThat(count.find()).as(plan).isTrue();
        return Integer.parseInt(count.group(1));
    }
}
