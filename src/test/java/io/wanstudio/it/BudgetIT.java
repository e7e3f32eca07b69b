package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prices and budgets over real HTTP: the admin sets them on the prices page, users submit through the JSON API,
 * the simulator counts what reached the provider.
 */
@ExtendWith(SharedStudio.class)
class BudgetIT {
    private static final String BASE = SharedStudio.BASE;
    private static final String PAGE = "/admin/prices.xhtml";
    private static final String PASSWORD = "amber orchard lantern 77";
    private static final int SECONDS = 2;
    private static final Http APP = new Http(BASE);
    private static final SimulatorControl SIMULATOR = new SimulatorControl(APP);
    private static final byte[] FRAME = TestMedia.png(320, 320);
    private static Accounts.Session admin;

    @BeforeAll
    static void signInAsAdmin() {
        admin = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
    }

    @AfterEach
    void resetFaults() {
        SIMULATOR.reset();
    }

    @Test
    void twentyConcurrentSubmitsAgainstABudgetThatFitsTenCreateExactlyTenTasksAndTenProviderSubmissions()
            throws Exception {
        String user = newUser("race");
        BigDecimal cost = price("720P").multiply(BigDecimal.valueOf(SECONDS));
        setUserBudget(user, cost.multiply(BigDecimal.TEN));
        Http api = APP.withBearer(Accounts.apiToken(BASE, user, PASSWORD));

        String run = UUID.randomUUID().toString();
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            prompts.add("budget race " + run + " #" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(prompts.size());
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (String prompt : prompts) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return submit(api, prompt, "720P");
                }));
            }
            start.countDown();
            for (var answer : sent) {
                answers.add(answer.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> created = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            var answer = answers.get(i);
            assertThat(answer.statusCode()).as(answer.body()).isIn(201, 400);
            (answer.statusCode() == 201 ? created : refused).add(prompts.get(i));
            if (answer.statusCode() == 400) {
                assertThat(answer.body()).contains("This video costs " + money(cost) + " USD; your budget for "
                        + thisMonth() + " has 0.00 USD left.");
            } else {
                assertThat(Http.json(answer).getString("state")).isEqualTo("QUEUED");
            }
        }
        assertThat(created).hasSize(10);
        assertThat(refused).hasSize(10);
        for (String prompt : created) {
            assertThat(SIMULATOR.submissions(prompt)).as(prompt).isEqualTo(new SimulatorControl.Count(1, 1));
        }
        for (String prompt : refused) {
            assertThat(SIMULATOR.submissions(prompt)).as(prompt).isEqualTo(new SimulatorControl.Count(0, 0));
        }
        assertThat(userRow(user)).contains(money(cost.multiply(BigDecimal.TEN)) + " USD");
    }

    @Test
    void aSubmitTheProviderRefusesGivesItsMoneyBack() {
        String user = newUser("refused");
        BigDecimal cost = price("720P").multiply(BigDecimal.valueOf(SECONDS));
        setUserBudget(user, cost); // exactly one video
        Http api = APP.withBearer(Accounts.apiToken(BASE, user, PASSWORD));

        var noBalance = submit(api, "no money at Novita [simulate-no-balance] " + UUID.randomUUID(), "720P");
        assertThat(noBalance.statusCode()).as(noBalance.body()).isEqualTo(201);
        assertThat(Http.json(noBalance).getString("state")).isEqualTo("FAILED");

        var paid = submit(api, "the one video of the month " + UUID.randomUUID(), "720P");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(Http.json(paid).getString("state")).isEqualTo("QUEUED");

        String over = "one too many " + UUID.randomUUID();
        var refused = submit(api, over, "720P");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This video costs " + money(cost) + " USD; your budget for " + thisMonth()
                + " has 0.00 USD left.");
        assertThat(SIMULATOR.submissions(over).received()).isZero();
    }

    @Test
    void aRepeatedRequestReservesNothingAgain() {
        String user = newUser("repeat");
        BigDecimal cost = price("720P").multiply(BigDecimal.valueOf(SECONDS));
        setUserBudget(user, cost.multiply(BigDecimal.valueOf(2)));
        Http api = APP.withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        String key = UUID.randomUUID().toString();
        String prompt = "asked for twice " + key;

        var first = submit(api, prompt, "720P", "Idempotency-Key", key);
        var again = submit(api, prompt, "720P", "Idempotency-Key", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(Http.json(again).getJsonNumber("id")).isEqualTo(Http.json(first).getJsonNumber("id"));

        // The budget fits two videos: the repeat took nothing, so a second, different video still fits.
        var second = submit(api, "a different video " + key, "720P");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(submit(api, "and no third " + key, "720P").statusCode()).isEqualTo(400);
    }

    @Test
    void aTaskTheProviderFailsLaterGivesItsMoneyBackByDefault() {
        String user = newUser("failed");
        BigDecimal cost = price("720P").multiply(BigDecimal.valueOf(SECONDS));
        setUserBudget(user, cost);
        Http api = APP.withBearer(Accounts.apiToken(BASE, user, PASSWORD));

        var failing = submit(api, "this one breaks [simulate-fail: broken] " + UUID.randomUUID(), "720P");
        assertThat(failing.statusCode()).as(failing.body()).isEqualTo(201);
        long id = Http.json(failing).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.json(api.get("/api/v1/tasks/" + id)).getString("state"), "FAILED"::equals);

        var next = submit(api, "after the failure " + UUID.randomUUID(), "720P");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
    }

    @Test
    void aPriceChangeAffectsTheNextQuoteAndNotATaskAlreadyMade() {
        String user = newUser("quote");
        Http api = APP.withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        BigDecimal before720 = price("720P");
        BigDecimal before1080 = price("1080P");
        var earlier = submit(api, "quoted before the change " + UUID.randomUUID(), "1080P");
        assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(201);
        long earlierId = Http.json(earlier).getJsonNumber("id").longValue();
        BigDecimal newPrice = before1080.add(new BigDecimal("0.01"));
        try {
            var saved = setPrices(before720, newPrice);
            assertThat(saved.body()).contains("Prices saved.");

            var later = submit(api, "quoted after the change " + UUID.randomUUID(), "1080P");
            assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
            assertThat(Http.json(later).getJsonNumber("costEstimate").bigDecimalValue())
                    .isEqualByComparingTo(newPrice.multiply(BigDecimal.valueOf(SECONDS)));
            assertThat(Http.json(api.get("/api/v1/tasks/" + earlierId)).getJsonNumber("costEstimate")
                    .bigDecimalValue()).isEqualByComparingTo(before1080.multiply(BigDecimal.valueOf(SECONDS)));
            assertThat(admin.get("/admin/users.xhtml").body()).contains("PRICE_CHANGED")
                    .contains("1080P: " + money(before1080) + " → " + money(newPrice) + " USD per second");
        } finally {
            setPrices(before720, before1080);
        }
        assertThat(price("1080P")).isEqualByComparingTo(before1080);
    }

    @Test
    void aNormalUserCannotOpenThePricesPage() {
        String user = newUser("plain");
        var session = Accounts.signIn(BASE, user, PASSWORD);
        assertThat(session.get(PAGE).statusCode()).isIn(403, 404);
        assertThat(session.get("/").body()).doesNotContain("/admin/");
        assertThat(admin.get("/admin/history.xhtml").body()).contains("Prices and budgets");
    }

    private static HttpResponse<String> submit(Http api, String prompt, String resolution, String... headers) {
        return api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", FRAME).field("prompt", prompt)
                .field("durationSeconds", Integer.toString(SECONDS)).field("resolution", resolution), headers);
    }

    private static String newUser(String prefix) {
        String name = "budget-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        Accounts.admin(BASE, "create", "username", name, "password", PASSWORD);
        return name;
    }

    /** The price per second the prices page shows for a resolution. */
    private static BigDecimal price(String resolution) {
        String page = admin.get(PAGE).body();
        Matcher m = Pattern.compile("id=\"prices:price" + resolution.toLowerCase(Locale.ROOT)
                + "\"[^>]*value=\"([0-9.]+)\"").matcher(page);
        if (!m.find()) {
            m = Pattern.compile("value=\"([0-9.]+)\"[^>]*id=\"prices:price" + resolution.toLowerCase(Locale.ROOT)
                    + "\"").matcher(page);
            assertThat(m.find()).as("price field for " + resolution).isTrue();
        }
        return new BigDecimal(m.group(1));
    }

    private static HttpResponse<String> setPrices(BigDecimal p720, BigDecimal p1080) {
        var response = admin.submit(PAGE, "prices", Map.of("prices:price720p", p720.toPlainString(),
                "prices:price1080p", p1080.toPlainString()), "prices:savePrices");
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static void setUserBudget(String user, BigDecimal limit) {
        Matcher m = Pattern.compile("data-username=\"" + Pattern.quote(user)
                + "\">.*?name=\"(budgets:users:\\d+:limit)\"", Pattern.DOTALL).matcher(admin.get(PAGE).body());
        assertThat(m.find()).as("budget field of " + user).isTrue();
        var response = admin.submit(PAGE, "budgets", Map.of(m.group(1), limit.toPlainString()),
                "budgets:saveBudgets");
        assertThat(response.body()).contains("Budgets saved.");
        assertThat(admin.get("/admin/users.xhtml").body()).contains("BUDGET_CHANGED");
    }

    /** The user's row on the prices page (budget and what was spent this month). */
    private static String userRow(String user) {
        Matcher m = Pattern.compile("data-username=\"" + Pattern.quote(user) + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(admin.get(PAGE).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String money(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(4, java.math.RoundingMode.HALF_UP);
        return rounded.setScale(Math.max(2, rounded.stripTrailingZeros().scale())).toPlainString();
    }

    private static String thisMonth() {
        return YearMonth.now(ZoneOffset.UTC).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
