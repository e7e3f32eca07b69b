package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * NEEDS_REVIEW is not a dead end: a user's submit whose answer was lost (the simulator drops it after creating the
 * task) is found by the admin in the team history and resolved on its detail page, by attaching the provider's
 * task id (then it completes), marking it failed, or resubmitting it after confirming it may be charged twice. A
 * normal user can neither open the team history nor resolve anything. Screenshots at both sizes, audited by axe.
 */
@ExtendWith(SharedStudio.class)
class ReviewIT {
    private static final String BASE = Http.IT_BASE;
    private static final String PASSWORD = "review-it-passphrase-48";
    private static final SimulatorControl SIMULATOR = new SimulatorControl(new Http(BASE));

    private String user;
    private Http api;
    private CreateWizardPage page;
    private final List<String> accessibility = new ArrayList<>();

    @BeforeEach
    void userAndAdminBrowser() {
        user = "review-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        api = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        var browser = Browsers.chromium(CreateWizardPage.DESKTOP.width, CreateWizardPage.DESKTOP.height);
        page = new CreateWizardPage(browser);
        Accounts.signIn(browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
    }

    @AfterEach
    void resetFaultsAndCloseBrowser() {
        noMoreFaults();
        Browsers.quitAfterPolicyCheck(page.browser);
    }

    @Test
    void theAdminFindsTheTaskInTheTeamHistoryAndAttachesTheProviderTaskIdAfterWhichItCompletes() throws Exception {
        String prompt = "lost answer " + UUID.randomUUID();
        long id = SIMULATOR.taskInReview(api, prompt);
        String providerTaskId = SIMULATOR.providerTaskIdOf(prompt);

        page.browser.get(BASE + "/admin/history.xhtml?state=NEEDS_REVIEW&user=" + user);
        assertThat(page.browser.findElements(By.cssSelector(".tile[data-task-id='" + id + "']"))).hasSize(1);
        assertThat(page.browser.findElement(By.cssSelector(".tile[data-task-id='" + id + "'] .task-meta")).getText())
                .contains(user);
        look("team-history");

        page.click(By.cssSelector(".tile[data-task-id='" + id + "'] a.tile-media"));
        page.waitUpTo(20).until(d -> d.getCurrentUrl().contains("/task.xhtml?id=" + id));
        assertThat(page.browser.findElement(By.id("taskOwner")).getText()).contains(user);
        look("resolve-panel");

        page.browser.findElement(By.id("resolve:providerTaskId")).sendKeys(providerTaskId);
        page.click(By.id("resolve:attach"));
        page.waitUpTo(20).until(d -> d.findElements(By.id("resolve")).isEmpty());
        awaitState(id, "COMPLETED");
        assertThat(Http.json(api.get("/api/v1/tasks/" + id)).getString("providerTaskId", null))
                .isEqualTo(providerTaskId);
        // the admin watches the user's video on its page (served to admins too)
        // opened afresh (a refresh would post the attach form again); the player is looked up each time
        page.browser.get(BASE + "/task.xhtml?id=" + id);
        page.waitUpTo(30).until(d -> d.findElements(By.id("player")).stream()
                .anyMatch(v -> ((Number) page.js("return arguments[0].readyState;", v)).intValue() >= 1));
        assertThat(page.js("return document.getElementById('player').error;")).isNull();
        // the provider still saw one POST: attaching sends nothing
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));
        assertThat(auditTable()).contains("Provider task id attached").contains("task #" + id + " of " + user);
        assertThat(accessibility).as("axe-core findings").isEmpty();
    }

    @Test
    void resubmittingNeedsTheConfirmationAndMarkingFailedChargesNothing() {
        String prompt = "resubmitted " + UUID.randomUUID();
        long resubmitted = SIMULATOR.taskInReview(api, prompt);
        long failed = SIMULATOR.taskInReview(api, "marked failed " + UUID.randomUUID());
        noMoreFaults();

        page.browser.get(BASE + "/task.xhtml?id=" + resubmitted);
        page.click(By.id("resolve:resubmit"));
        page.waitUpTo(20).until(d -> d.findElement(By.id("resolve")).getText()
                .contains("Confirm that the task may be charged twice"));
        assertThat(state(resubmitted)).isEqualTo("NEEDS_REVIEW");
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(1, 1));

        page.click(By.id("resolve:confirmTwice"));
        page.click(By.id("resolve:resubmit"));
        // the answer redirects to the new task's page (while the post runs, the URL may have no id at all)
        page.waitUpTo(30).until(d -> taskIdInUrl() > 0 && taskIdInUrl() != resubmitted);
        long retry = taskIdInUrl();
        JsonObject original = Http.json(api.get("/api/v1/tasks/" + resubmitted));
        assertThat(original.getString("state")).isEqualTo("FAILED");
        assertThat(original.getString("failureReason")).isEqualTo("Resubmitted by admin as #" + retry + ".");
        awaitState(retry, "COMPLETED");
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(2, 2));

        page.browser.get(BASE + "/task.xhtml?id=" + failed);
        page.click(By.id("resolve:markFailed"));
        page.waitUpTo(20).until(d -> d.findElements(By.id("resolve")).isEmpty());
        JsonObject marked = Http.json(api.get("/api/v1/tasks/" + failed));
        assertThat(marked.getString("state")).isEqualTo("FAILED");
        assertThat(marked.getString("failureReason")).isEqualTo("Marked failed by admin: not charged.");
    }

    @Test
    void aNormalUserCannotOpenTheTeamHistoryNorResolveTheirOwnTask() {
        long id = SIMULATOR.taskInReview(api, "forged resolve " + UUID.randomUUID());
        noMoreFaults();
        Accounts.Session session = Accounts.signIn(BASE, user, PASSWORD);
        assertThat(session.get("/admin/history.xhtml").statusCode()).isIn(403, 404);

        var own = session.get("/task.xhtml?id=" + id);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("task-problem").doesNotContain("id=\"resolve\"");
        session.submit("/task.xhtml?id=" + id, "resolve", Map.of(), "resolve:markFailed");
        session.submit("/task.xhtml?id=" + id, "resolve", Map.of("resolve:providerTaskId", "forged-id"),
                "resolve:attach");
        JsonObject task = Http.json(api.get("/api/v1/tasks/" + id));
        assertThat(task.getString("state")).isEqualTo("NEEDS_REVIEW");
        assertThat(task.containsKey("providerTaskId") && !task.isNull("providerTaskId")).isFalse();
    }



    private long taskIdInUrl() {
        var id = java.util.regex.Pattern.compile("[?&]id=(\\d+)").matcher(page.browser.getCurrentUrl());
        return id.find() ? Long.parseLong(id.group(1)) : -1;
    }

    private String auditTable() {
        page.browser.get(BASE + "/admin/users.xhtml");
        return page.browser.findElement(By.id("audit")).getText();
    }

    private String state(long id) {
        return Http.json(api.get("/api/v1/tasks/" + id)).getString("state");
    }

    private void awaitState(long id, String state) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> state.equals(state(id)));
    }

    private static void noMoreFaults() {
        SIMULATOR.faults("{\"scope\":\"all\",\"dropRate\":0,\"resetRate\":0,\"slowAnswerRate\":0,"
                + "\"badGatewayRate\":0,\"errorAfterCreateRate\":0}");
    }

    private void look(String name) throws Exception {
        accessibility.addAll(page.lookAtBothSizes(name));
    }
}
