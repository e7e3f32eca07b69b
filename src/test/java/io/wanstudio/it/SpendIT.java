package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin's spend page and CSV: a user's tasks of the month, by seconds and quoted cost; admins only. */
@ExtendWith(SharedStudio.class)
class SpendIT {
    private static final String BASE = Http.IT_BASE;
    private static final String PASSWORD = "spend-it-passphrase-42";

    @Test
    void aUsersTasksShowInTheMonthsSpendAndItsCsv() {
        String user = "spend-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        Http api = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        BigDecimal quoted = BigDecimal.ZERO;
        for (int seconds : new int[] {2, 3}) {
            var form = new Http.Multipart().field("prompt", "spend " + seconds).field("durationSeconds",
                    Integer.toString(seconds)).file("firstFrame", "f.jpg", "image/jpeg", TestMedia.jpeg(640, 360));
            var created = api.postMultipart("/api/v1/tasks", form);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            quoted = quoted.add(Http.json(created).getJsonNumber("costEstimate").bigDecimalValue());
        }
        var admin = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        String month = LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);

        String page = admin.get("/admin/spend.xhtml?month=" + month).body();
        assertThat(page).containsPattern("<td>" + user + "</td><td class=\"num\">2</td><td class=\"num\">5</td>\\s*"
                + "<td class=\"num\">"
                + quoted.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        String csv = admin.get("/admin/spend.csv?month=" + month).body();
        assertThat(csv).startsWith("user,day,tasks,seconds,cost\r\n")
                .contains(user + "," + LocalDate.now(ZoneOffset.UTC) + ",2,5,");

        // the year up to the month: twelve rows, the month itself last, with the month's total
        YearMonth shown = YearMonth.parse(month);
        String totalCost = Http.json(new Http(BASE).withBearer(Accounts.adminToken(BASE)).get("/api/v1/admin/spend?month=" + month))
                .getJsonObject("total").getJsonNumber("cost").bigDecimalValue()
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        assertThat(page).contains("Month by month, to " + month)
                .containsPattern("month=" + shown.minusMonths(11) + "\">" + shown.minusMonths(11) + "</a>")
                .doesNotContain("month=" + shown.minusMonths(12) + "\">")
                .containsPattern("month=" + month + "\">" + month + "</a></td>\\s*<td class=\"num\">\\d+</td>"
                        + "<td class=\"num\">\\d+</td>\\s*<td class=\"num\">" + totalCost + "</td>");
        var months = admin.get("/admin/spend.csv?month=" + month + "&months=12");
        assertThat(months.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .contains("wan-studio-spend-" + shown.minusMonths(11) + "-to-" + month + ".csv"));
        assertThat(months.body()).contains(user + "," + LocalDate.now(ZoneOffset.UTC) + ",2,5,");

        var normal = Accounts.signIn(BASE, user, PASSWORD);
        assertThat(normal.get("/admin/spend.xhtml").statusCode()).isIn(403, 404);
        assertThat(normal.get("/admin/spend.csv").statusCode()).isIn(403, 404);
    }

    @Test
    void aDeletedVideoStillCountsInTheSpend() {
        String user = "spent-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        Http api = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart().field("prompt", "deleted later")
                .field("durationSeconds", "3").file("firstFrame", "f.jpg", "image/jpeg", TestMedia.jpeg(640, 360)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        String cost = Http.json(created).getJsonNumber("costEstimate").bigDecimalValue()
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(Http.json(api.get("/api/v1/tasks/" + id)).getString("state")));
        assertThat(api.delete("/api/v1/tasks/" + id).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/tasks/" + id).statusCode()).isEqualTo(404);

        var admin = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        String month = LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);
        assertThat(admin.get("/admin/spend.xhtml?month=" + month).body()).containsPattern("<td>" + user
                + "</td><td class=\"num\">1</td><td class=\"num\">3</td>\\s*<td class=\"num\">" + cost);
        assertThat(admin.get("/admin/spend.csv?month=" + month).body())
                .contains(user + "," + LocalDate.now(ZoneOffset.UTC) + ",1,3,");
    }
}
