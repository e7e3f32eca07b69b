package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The team's review board: an owner puts a finished video forward from its page, the admin rejects it (a rejection
 * needs a comment) and then approves it, the owner reads the verdict and comment on the task page, and the admin
 * sees what an approved second cost the owner. Two admins deciding on the same entry: the second learns what the
 * first decided, nothing is overwritten. Screenshots at both sizes, audited by axe.
 */
@ExtendWith(SharedStudio.class)
class ReviewBoardIT {
    private static final String BASE = Http.IT_BASE;
    private static final String PASSWORD = "board-it-passphrase-77";

    private String user;
    private Http api;
    private CreateWizardPage page;
    private final List<String> accessibility = new ArrayList<>();

    @BeforeEach
    void userAndBrowser() {
        user = "board-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        api = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        page = new CreateWizardPage(Browsers.chromium(CreateWizardPage.DESKTOP.width,
                CreateWizardPage.DESKTOP.height));
    }

    @AfterEach
    void closeBrowser() {
        Browsers.quitAfterPolicyCheck(page.browser);
    }

    @Test
    void anOwnerPutsAResultForwardTheAdminRejectsThenApprovesItAndSeesTheCostOfAnApprovedSecond() throws Exception {
        long id = finishedTask("a lighthouse at dusk " + UUID.randomUUID(), 3);
        BigDecimal cost = Http.json(api.get("/api/v1/tasks/" + id)).getJsonNumber("costEstimate").bigDecimalValue();

        // the owner puts it forward from the task page
        Accounts.signIn(page.browser, BASE, user, PASSWORD);
        page.browser.get(BASE + "/task.xhtml?id=" + id);
        page.click(By.id("boardForm:shortlist"));
        page.waitUpTo(20).until(d -> d.findElements(By.id("boardStanding")).stream()
                .anyMatch(e -> "SHORTLISTED".equals(e.getAttribute("data-verdict"))));
        assertThat(page.browser.findElements(By.id("boardForm:withdraw"))).hasSize(1);
        look("task-awaiting-verdict");

        // the admin: a rejection without a comment is refused at the comment box
        signInAs(Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        page.browser.get(BASE + "/admin/board.xhtml?user=" + user);
        By entry = By.cssSelector("article[data-task-id='" + id + "']");
        assertThat(page.browser.findElement(entry).getText()).contains(user).contains("3 s");
        page.click(By.id("board:rows:0:reject"));
        page.waitUpTo(20).until(d -> d.findElement(By.id("problem-" + id)).getText()
                .contains("Say why it is rejected"));
        assertThat(page.browser.findElement(By.id("board:rows:0:comment")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        look("board-refused-rejection");

        String why = "The camera shakes after one second — try a fixed seed 请再试一次";
        page.browser.findElement(By.id("board:rows:0:comment")).sendKeys(why);
        page.click(By.id("board:rows:0:reject"));
        page.waitUpTo(20).until(d -> d.getPageSource().contains("Task #" + id + " rejected."));
        // it left the "awaiting" tab for the rejected one
        assertThat(page.browser.findElements(entry)).isEmpty();
        page.browser.get(BASE + "/admin/board.xhtml?show=rejected&user=" + user);
        assertThat(page.browser.findElement(entry).getText()).contains("Rejected by admin").contains(why);

        // the owner reads it on the task page and can no longer take it off the board
        signInAs(user, PASSWORD);
        page.browser.get(BASE + "/task.xhtml?id=" + id);
        assertThat(page.browser.findElement(By.id("boardStanding")).getAttribute("data-verdict"))
                .isEqualTo("REJECTED");
        assertThat(page.browser.findElement(By.id("boardStanding")).getText()).contains("Decided by admin");
        assertThat(page.browser.findElement(By.id("boardComment")).getText()).isEqualTo(why);
        assertThat(page.browser.findElements(By.id("boardForm:withdraw"))).isEmpty();
        look("task-rejected");
        // and sees it in the gallery without opening the video
        page.browser.get(BASE + "/gallery.xhtml");
        By tileBadge = By.cssSelector("[data-task-id='" + id + "'] .tile-badge");
        assertThat(page.textOf(tileBadge)).isEqualToIgnoringCase("Rejected");
        look("gallery-rejected");

        // the admin changes their mind
        signInAs(Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        page.browser.get(BASE + "/admin/board.xhtml?show=rejected&user=" + user);
        var comment = page.browser.findElement(By.id("board:rows:0:comment"));
        comment.clear();
        comment.sendKeys("Good enough for the intro after all.");
        page.click(By.id("board:rows:0:approve"));
        page.waitUpTo(20).until(d -> d.getPageSource().contains("Task #" + id + " approved."));
        page.browser.get(BASE + "/admin/board.xhtml?show=approved&user=" + user);
        assertThat(page.browser.findElement(entry).getText()).contains("Approved by admin")
                .contains("Good enough for the intro after all.");

        // the user's only task this month: 3 approved seconds for its whole cost
        String row = page.browser.findElement(By.cssSelector("#costByUser tr[data-label='" + user + "']")).getText();
        assertThat(row).contains(" 3 3 1 / 0 / 0 ");
        assertThat(new BigDecimal(row.substring(row.lastIndexOf(' ') + 1)))
                .isEqualByComparingTo(cost.divide(BigDecimal.valueOf(3), 4, RoundingMode.HALF_UP));
        look("board-approved");

        signInAs(user, PASSWORD);
        page.browser.get(BASE + "/gallery.xhtml");
        assertThat(page.textOf(tileBadge)).isEqualToIgnoringCase("Approved");

        assertThat(auditDetails("TASK_SHORTLISTED")).contains("task #" + id + " of " + user);
        assertThat(auditDetails("TASK_REJECTED")).contains("task #" + id + " of " + user + ": The camera shakes");
        assertThat(auditDetails("TASK_APPROVED")).contains("task #" + id + " of " + user);
        assertThat(accessibility).as("axe-core findings").isEmpty();
    }

    @Test
    void whenTwoAdminsDecideAtOnceTheSecondLearnsWhatTheFirstDecidedAndNothingIsOverwritten() {
        long id = finishedTask("two admins " + UUID.randomUUID(), 2);
        Accounts.Session owner = Accounts.signIn(BASE, user, PASSWORD);
        owner.submit("/task.xhtml?id=" + id, "boardForm", Map.of(), "boardForm:shortlist");
        String second = "second-admin-" + UUID.randomUUID().toString().substring(0, 6);
        Accounts.admin(BASE, "create", "username", second, "password", PASSWORD, "admin", "true");

        // both open the board and see the entry awaiting a verdict
        String board = "/admin/board.xhtml?user=" + user;
        Accounts.Session first = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        Accounts.Session other = Accounts.signIn(BASE, second, PASSWORD);
        HttpResponse<String> firstView = first.get(board);
        HttpResponse<String> otherView = other.get(board);
        assertThat(firstView.body()).contains("data-task-id=\"" + id + "\"");
        assertThat(otherView.body()).contains("data-task-id=\"" + id + "\"");

        var approved = first.post(firstView.uri(), "board", Map.of("board:rows:0:comment", "Ship it."),
                "board:rows:0:approve", viewState(firstView));
        assertThat(approved.body()).contains("Task #" + id + " approved.");
        var rejected = other.post(otherView.uri(), "board", Map.of("board:rows:0:comment", "Too dark."),
                "board:rows:0:reject", viewState(otherView));
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body()).contains("admin approved task #" + id + " at ")
                .contains("meanwhile; the board now shows it as it is.");

        assertThat(first.get("/admin/board.xhtml?show=approved&user=" + user).body())
                .contains("data-task-id=\"" + id + "\"").contains("Ship it.").doesNotContain("Too dark.");
        assertThat(auditDetails("TASK_APPROVED")).contains("task #" + id + " of " + user + ": Ship it.");
        assertThat(auditDetails("TASK_REJECTED")).doesNotContain("task #" + id + " of");
    }

    @Test
    void aNormalUserSeesNoBoardCannotPutAnothersResultForwardAndWithdrawsOnlyTheirOwnWhileItAwaits() {
        long id = finishedTask("mine alone " + UUID.randomUUID(), 2);
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", stranger, "password", PASSWORD);
        Accounts.Session strangerSession = Accounts.signIn(BASE, stranger, PASSWORD);
        assertThat(strangerSession.get("/admin/board.xhtml").statusCode()).isIn(403, 404);
        var other = strangerSession.get("/task.xhtml?id=" + id);
        assertThat(other.body()).contains("Not found").doesNotContain("boardForm");

        Accounts.Session owner = Accounts.signIn(BASE, user, PASSWORD);
        owner.submit("/task.xhtml?id=" + id, "boardForm", Map.of(), "boardForm:shortlist");
        assertThat(owner.get("/task.xhtml?id=" + id).body()).contains("Awaiting verdict");
        var again = owner.submit("/task.xhtml?id=" + id, "boardForm", Map.of(), "boardForm:withdraw");
        assertThat(again.body()).contains("Put on the review board").doesNotContain("Awaiting verdict");
        assertThat(auditDetails("TASK_WITHDRAWN_FROM_BOARD")).contains("task #" + id + " of " + user);
    }

    @Test
    void theBoardThroughTheApi() {
        long id = finishedTask("by api " + UUID.randomUUID(), 2);
        assertThat(api.get("/api/v1/tasks/" + id + "/board").statusCode()).isEqualTo(404);
        var put = api.postJson("/api/v1/tasks/" + id + "/board", "{}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(Http.json(put).getString("verdict")).isEqualTo("SHORTLISTED");
        assertThat(api.postJson("/api/v1/tasks/" + id + "/board", "{}").statusCode()).isEqualTo(409);
        long seen = Http.json(api.get("/api/v1/tasks/" + id + "/board")).getJsonNumber("version").longValue();

        Http admin = new Http(BASE).withBearer(Accounts.adminToken(BASE));
        var listed = Http.json(admin.get("/api/v1/admin/board?verdict=shortlisted&user=" + user));
        assertThat(listed.getJsonArray("items")).hasSize(1);
        assertThat(listed.getJsonArray("items").getJsonObject(0).getJsonObject("task").getString("owner"))
                .isEqualTo(user);
        String path = "/api/v1/admin/board/" + id + "/verdict";
        var noComment = admin.putJson(path, "{\"verdict\":\"REJECTED\"}");
        assertThat(noComment.statusCode()).isEqualTo(400);
        assertThat(noComment.body()).contains("Say why it is rejected");
        var approved = admin.putJson(path, "{\"verdict\":\"APPROVED\",\"version\":" + seen + "}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        var stale = admin.putJson(path, "{\"verdict\":\"REJECTED\",\"comment\":\"no\",\"version\":" + seen + "}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("approved task #" + id);
        // the owner can no longer take it back; a stranger cannot see it; a user gets no admin board
        assertThat(api.delete("/api/v1/tasks/" + id + "/board").statusCode()).isEqualTo(409);
        assertThat(api.get("/api/v1/admin/board").statusCode()).isEqualTo(403);

        var costs = Http.json(admin.get("/api/v1/admin/board/costs"));
        var line = costs.getJsonArray("byUser").getValuesAs(JsonObject.class).stream()
                .filter(l -> user.equals(l.getString("label"))).findFirst().orElseThrow();
        assertThat(line.getInt("approvedSeconds")).isEqualTo(2);
        assertThat(line.getJsonNumber("perApprovedSecond").bigDecimalValue())
                .isEqualByComparingTo(line.getJsonNumber("spent").bigDecimalValue()
                        .divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_UP));
    }

    private long finishedTask(String prompt, int seconds) {
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(480, 270))
                .field("prompt", prompt).field("durationSeconds", Integer.toString(seconds))
                .field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(Http.json(api.get("/api/v1/tasks/" + id)).getString("state")));
        return id;
    }

    private void signInAs(String name, String password) {
        page.browser.manage().deleteAllCookies();
        Accounts.signIn(page.browser, BASE, name, password);
    }

    /** The audit log's details of one event type, as the admin's audit page lists them. */
    private static String auditDetails(String type) {
        return Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD)
                .get("/admin/audit.xhtml?type=" + type).body();
    }

    private static String viewState(HttpResponse<String> page) {
        Matcher m = Accounts.VIEW_STATE.matcher(page.body());
        assertThat(m.find()).as("a form on " + page.uri()).isTrue();
        return m.group(1);
    }

    private void look(String name) throws Exception {
        accessibility.addAll(page.lookAtBothSizes(name));
    }
}
