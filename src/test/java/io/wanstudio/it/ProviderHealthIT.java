package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A provider outage as the admin and the monitoring see it: the health page, {@code /health/ready} and
 * {@code /metrics} show the open breaker within seconds, and show it closed again once the provider answers.
 * Normal users get no health page.
 */
@ExtendWith(SharedStudio.class)
class ProviderHealthIT {
    private static final String BASE = Http.IT_BASE;
    private static final Http APP = new Http(BASE);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);

    @AfterEach
    void providerBack() {
        SIMULATOR.reset();
    }

    @Test
    void anOutageShowsOnTheHealthPageReadinessAndMetricsAndRecovers() throws Exception {
        Http api = APP.withBearer(Accounts.adminToken(BASE));
        var form = new Http.Multipart().field("prompt", "health " + UUID.randomUUID()).field("durationSeconds", "2")
                .file("firstFrame", "frame.jpg", "image/jpeg", TestMedia.jpeg(640, 360));
        long id = Http.json(api.postMultipart("/api/v1/tasks", form)).getJsonNumber("id").longValue();
        SIMULATOR.faults("{\"scope\":\"poll\",\"outageSeconds\":8}");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> "degraded".equals(provider(readiness()).getString("state")));
        JsonObject degraded = readiness();
        assertThat(degraded.getString("status")).isEqualTo("UP"); // pages and downloads still work
        assertThat(provider(degraded).getString("breaker")).isEqualTo("open");
        assertThat(APP.get("/metrics").body()).contains("wan_provider_breaker_open{mp_scope=\"application\"} 1");

        var browser = Browsers.chromium(1280, 800);
        var page = new CreateWizardPage(browser);
        try {
            Accounts.signIn(browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
            browser.get(BASE + "/admin/health.xhtml");
            assertThat(browser.findElement(By.id("breaker")).getText()).isEqualToIgnoringCase("Breaker open: polls held back");
            assertThat(browser.findElement(By.id("lastError")).getText()).isNotEqualTo("(none)")
                    .doesNotContain("Bearer");
            List<String> findings = page.lookAtBothSizes("health-outage");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "ok".equals(provider(readiness()).getString("state")));
            await().atMost(Duration.ofSeconds(60)).until(() -> Http.json(api.get("/api/v1/tasks/" + id))
                    .getString("state").equals("COMPLETED"));
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("breaker")).getText()).isEqualToIgnoringCase("Breaker closed");
            assertThat(APP.get("/metrics").body()).contains("wan_provider_breaker_open{mp_scope=\"application\"} 0")
                    .containsPattern("wan_tasks\\{mp_scope=\"application\",state=\"COMPLETED\"} [1-9]");
            assertThat(findings).as("axe-core findings").isEmpty();
        } finally {
            Browsers.quitAfterPolicyCheck(browser);
        }
    }

    @Test
    void aNormalUserGetsNoHealthPage() {
        String user = "health-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", "health-it-passphrase-93");
        var session = Accounts.signIn(BASE, user, "health-it-passphrase-93");
        assertThat(session.get("/admin/health.xhtml").statusCode()).isIn(403, 404);
    }

    private static JsonObject readiness() {
        return Http.json(APP.get("/health/ready"));
    }

    private static JsonObject provider(JsonObject health) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("provider")).findFirst().orElseThrow()
                .getJsonObject("data");
    }
}
