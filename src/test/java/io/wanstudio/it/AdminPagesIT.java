package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import io.wanstudio.testing.TestMedia.Sample;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin's prices, spend and audit pages in a real browser: a price changed there affects the next quote in the
 * user's wizard but not a task already made (its page and the spend page keep the old cost); a budget set there
 * makes the wizard say what remains and refuse the submit before anything reaches the provider; bad input is
 * refused at its field and saves nothing. Screenshots at both sizes, audited by axe.
 */
@ExtendWith(SharedStudio.class)
class AdminPagesIT {
    private static final String BASE = SharedStudio.BASE;
    private static final String PRICES = "/admin/prices.xhtml";
    private static final String PASSWORD = "admin-pages-passphrase-63";
    private static final int SECONDS = 2;
    private static final SimulatorControl SIMULATOR = new SimulatorControl(new Http(BASE));

    @TempDir
    static Path samples;

    private String user;
    private Http api;
    private CreateWizardPage admin;
    private CreateWizardPage userPage;
    private final List<String> accessibility = new ArrayList<>();

    @BeforeEach
    void userAndAdminBrowser() {
        user = "adminpages-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        api = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, PASSWORD));
        admin = new CreateWizardPage(Browsers.chromium(CreateWizardPage.DESKTOP.width,
                CreateWizardPage.DESKTOP.height));
        Accounts.signIn(admin.browser, BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
    }

    @AfterEach
    void closeBrowsers() {
        try {
            Browsers.quitAfterPolicyCheck(admin.browser);
        } finally {
            if (userPage != null) {
                Browsers.quitAfterPolicyCheck(userPage.browser);
            }
        }
    }

    @Test
    void aPriceChangedInTheBrowserAffectsTheNextQuoteButNotTheFinishedTaskNorItsSpend() throws Exception {
        long id = finishedTask("made before the change " + UUID.randomUUID());
        BigDecimal before720 = shownPrice("price720p");
        BigDecimal before1080 = shownPrice("price1080p");
        BigDecimal oldCost = before720.multiply(BigDecimal.valueOf(SECONDS));
        BigDecimal newPrice = before720.add(new BigDecimal("0.01"));
        try {
            type(admin, "prices:price720p", money(newPrice));
            admin.click(By.id("prices:savePrices"));
            awaitNotice(admin, "Prices saved.");
            admin.browser.get(BASE + PRICES);
            assertThat(value(admin, "prices:price720p")).isEqualTo(money(newPrice));

            openUserBrowser();
            reviewStep(userPage, "quoted after the change " + UUID.randomUUID());
            assertThat(userPage.review("reviewCost")).isEqualTo(money(newPrice.multiply(BigDecimal.valueOf(SECONDS)))
                    + " USD");
            assertThat(userPage.browser.findElement(By.cssSelector("#reviewCost + .cost-detail")).getText())
                    .contains(SECONDS + " s × " + money(newPrice) + " USD/s at 720P");

            userPage.browser.get(BASE + "/task.xhtml?id=" + id);
            assertThat(userPage.browser.findElement(By.id("detailCost")).getText()).isEqualTo(money(oldCost) + " USD");

            admin.browser.get(BASE + "/admin/spend.xhtml?month=" + YearMonth.now(ZoneOffset.UTC));
            assertThat(spendRow(user)).containsExactly(user, "1", Integer.toString(SECONDS), money(oldCost));
            look("admin-spend");
        } finally {
            setPrices(before720, before1080);
        }
        admin.browser.get(BASE + PRICES);
        assertThat(shownPrice("price720p")).isEqualByComparingTo(before720);
        assertThat(accessibility).as("axe-core findings").isEmpty();
    }

    @Test
    void aBudgetSetInTheBrowserMakesTheWizardSayWhatRemainsAndRefuseTheSubmitWithoutSendingIt() throws Exception {
        finishedTask("spent before the budget " + UUID.randomUUID());
        BigDecimal cost = shownPrice("price720p").multiply(BigDecimal.valueOf(SECONDS));
        // what was spent plus half a video: the next one does not fit
        BigDecimal half = cost.divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_UP);
        BigDecimal limit = cost.add(half);
        try {
            WebElement field = budgetField(user);
            field.clear();
            field.sendKeys(money(limit));
            admin.click(By.id("budgets:saveBudgets"));
            awaitNotice(admin, "Budgets saved.");
            admin.browser.get(BASE + PRICES);
            assertThat(budgetField(user).getAttribute("value")).isEqualTo(money(limit));

            openUserBrowser();
            String prompt = "over the budget " + UUID.randomUUID();
            reviewStep(userPage, prompt);
            assertThat(userPage.review("create:reviewBudget")).isEqualTo("Does not fit: " + money(half)
                    + " USD left of your " + money(limit) + " USD for " + thisMonth());
            userPage.generate();
            assertThat(userPage.notice()).isEqualTo("This video costs " + money(cost) + " USD; your budget for "
                    + thisMonth() + " has " + money(half) + " USD left.");
            assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(0, 0));
            assertThat(Http.json(api.get("/api/v1/tasks")).toString()).doesNotContain(prompt);
        } finally {
            setUserBudget(user, "");
        }
        admin.browser.get(BASE + PRICES);
        assertThat(budgetField(user).getAttribute("value")).isEmpty();
    }

    @Test
    void badPricesAndBudgetsAreRefusedAtTheirFieldAndNothingIsSaved() throws Exception {
        // a reservation is made at the submit: no need to wait for the video
        var created = submit("spent before the bad budgets " + UUID.randomUUID());
        BigDecimal spent = Http.json(created).getJsonNumber("costEstimate").bigDecimalValue();
        admin.browser.get(BASE + PRICES);
        BigDecimal before720 = shownPrice("price720p");
        BigDecimal before1080 = shownPrice("price1080p");
        String lastPriceChange = newestAuditRow("type=PRICE_CHANGED");

        Map<String, String> badPrices = Map.of(
                "a lot", "Enter a number such as 0.05.",
                "-0.05", "Enter a price above 0, such as 0.05.",
                "0", "Enter a price above 0, such as 0.05.",
                "100000000", "Enter at most 100.00 USD per second.",
                "0.123456", "Use at most 4 decimals.");
        for (var bad : badPrices.entrySet()) {
            admin.browser.get(BASE + PRICES);
            type(admin, "prices:price720p", bad.getKey());
            // a good change next to it: saved only if both are good
            type(admin, "prices:price1080p", before1080.add(new BigDecimal("0.01")).toPlainString());
            admin.click(By.id("prices:savePrices"));
            admin.waitUpTo(20).until(d -> !d.findElement(By.id("prices:price720pMessage")).getText().isEmpty());
            assertThat(admin.browser.findElement(By.id("prices:price720pMessage")).getText()).as(bad.getKey())
                    .isEqualTo(bad.getValue());
            assertThat(admin.browser.findElement(By.id("prices:price1080pMessage")).getText()).isEmpty();
            assertThat(admin.browser.findElement(By.id("prices")).getText()).doesNotContain("Prices saved.");
            if (bad.getKey().equals("-0.05")) {
                look("admin-prices-refused");
            }
        }
        admin.browser.get(BASE + PRICES);
        assertThat(shownPrice("price720p")).isEqualByComparingTo(before720);
        assertThat(shownPrice("price1080p")).isEqualByComparingTo(before1080);
        assertThat(newestAuditRow("type=PRICE_CHANGED")).isEqualTo(lastPriceChange);

        Map<String, String> badBudgets = Map.of(
                "ten dollars", "Enter a number, or nothing.",
                "-5", "A budget cannot be negative: enter 0 or more, or leave it empty for no limit.",
                "5000000", "Enter at most 1000000.00 USD per month, or leave it empty for no limit.",
                "10.00001", "Use at most 4 decimals.",
                spent.subtract(new BigDecimal("0.01")).toPlainString(), money(spent) + " USD was already spent in "
                        + thisMonth() + ": enter at least that, or leave it empty for no limit.");
        for (var bad : badBudgets.entrySet()) {
            admin.browser.get(BASE + PRICES);
            WebElement field = budgetField(user);
            field.clear();
            field.sendKeys(bad.getKey());
            admin.click(By.id("budgets:saveBudgets"));
            admin.waitUpTo(20).until(d -> !budgetMessage(user).isEmpty());
            assertThat(budgetMessage(user)).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(admin.browser.findElement(By.id("budgets")).getText()).doesNotContain("Budgets saved.");
        }
        admin.browser.get(BASE + PRICES);
        assertThat(budgetField(user).getAttribute("value")).isEmpty();
        admin.browser.get(BASE + "/admin/audit.xhtml?type=BUDGET_CHANGED&user=" + user);
        assertThat(admin.browser.findElement(By.cssSelector("main")).getText()).contains("No events match");

        // the audit log filtered to this user's sign-ins and creation, as an admin reads it
        admin.browser.get(BASE + "/admin/audit.xhtml?user=" + user + "&from=" + LocalDate.now(ZoneOffset.UTC));
        assertThat(admin.browser.findElement(By.id("audit")).getText()).contains("Account created");
        look("admin-audit-filtered");
        assertThat(accessibility).as("axe-core findings").isEmpty();
    }

    /** A task of the user, submitted through the API and waited for until COMPLETED. */
    private long finishedTask(String prompt) {
        var created = submit(prompt);
        long id = Http.json(created).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.json(api.get("/api/v1/tasks/" + id)).getString("state"), "COMPLETED"::equals);
        admin.browser.get(BASE + PRICES);
        return id;
    }

    private java.net.http.HttpResponse<String> submit(String prompt) {
        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(480, 270)).field("prompt", prompt)
                .field("durationSeconds", Integer.toString(SECONDS)).field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created;
    }

    private void openUserBrowser() {
        userPage = new CreateWizardPage(Browsers.chromium(CreateWizardPage.DESKTOP.width,
                CreateWizardPage.DESKTOP.height));
        Accounts.signIn(userPage.browser, BASE, user, PASSWORD);
    }

    /** Walks the user's wizard to its review step: a first frame, the prompt, 2 s at 720P. */
    private static void reviewStep(CreateWizardPage wizard, String prompt) throws Exception {
        wizard.open(BASE);
        wizard.chooseMode("FIRST_FRAME");
        wizard.upload("firstFrame", Sample.JPEG.in(samples));
        wizard.next();
        wizard.type("prompt", prompt);
        wizard.next();
        wizard.setDuration(SECONDS);
        wizard.choose("resolution", "720P");
        wizard.next();
        assertThat(wizard.step()).isEqualTo("REVIEW");
    }

    /** The price per second the admin's prices page shows. */
    private BigDecimal shownPrice(String field) {
        if (admin.browser.findElements(By.id("prices:" + field)).isEmpty()) {
            admin.browser.get(BASE + PRICES);
        }
        return new BigDecimal(value(admin, "prices:" + field));
    }

    private WebElement budgetField(String username) {
        return admin.browser.findElement(By.cssSelector("tr[data-username='" + username + "'] input"));
    }

    private String budgetMessage(String username) {
        return admin.browser.findElement(By.cssSelector("tr[data-username='" + username + "']")).findElements(
                By.cssSelector(".field-error")).stream().map(WebElement::getText).reduce("", String::concat);
    }

    /** The cells of the user's row in the spend page's per-user table. */
    private List<String> spendRow(String username) {
        return admin.browser.findElements(By.cssSelector("#spendByUser tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .filter(cells -> !cells.isEmpty() && cells.get(0).equals(username)).findFirst().orElse(List.of());
    }

    /** The newest audit row of a filter ("" when none): a new event of that kind would change it. */
    private String newestAuditRow(String filter) {
        admin.browser.get(BASE + "/admin/audit.xhtml?" + filter);
        var rows = admin.browser.findElements(By.cssSelector("#audit tbody tr"));
        String newest = rows.isEmpty() ? "" : rows.get(0).getText();
        admin.browser.get(BASE + PRICES);
        return newest;
    }

    private static void type(CreateWizardPage page, String id, String text) {
        WebElement field = page.browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String value(CreateWizardPage page, String id) {
        return page.browser.findElement(By.id(id)).getAttribute("value");
    }

    private static void awaitNotice(CreateWizardPage page, String text) {
        page.waitUpTo(20).until(d -> d.findElements(By.cssSelector(".notice")).stream()
                .anyMatch(n -> n.getText().contains(text)));
    }

    /** Puts the prices back over HTTP (other tests share the server), whatever the browser did. */
    private static void setPrices(BigDecimal p720, BigDecimal p1080) {
        var session = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        var response = session.submit(PRICES, "prices", Map.of("prices:price720p", p720.toPlainString(),
                "prices:price1080p", p1080.toPlainString()), "prices:savePrices");
        assertThat(response.body()).contains("Prices saved.");
    }

    /** Sets ("" removes) a user's budget over HTTP, as BudgetIT does. */
    private static void setUserBudget(String username, String limit) {
        var session = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        Matcher m = Pattern.compile("data-username=\"" + Pattern.quote(username)
                + "\">.*?name=\"(budgets:users:\\d+:limit)\"", Pattern.DOTALL).matcher(session.get(PRICES).body());
        assertThat(m.find()).as("budget field of " + username).isTrue();
        var response = session.submit(PRICES, "budgets", Map.of(m.group(1), limit), "budgets:saveBudgets");
        assertThat(response.body()).contains("Budgets saved.");
    }

    /** Amounts as the pages show them: two to four decimals. */
    private static String money(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(4, RoundingMode.HALF_UP);
        return rounded.setScale(Math.max(2, rounded.stripTrailingZeros().scale())).toPlainString();
    }

    private static String thisMonth() {
        return YearMonth.now(ZoneOffset.UTC).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private void look(String name) throws Exception {
        accessibility.addAll(admin.lookAtBothSizes(name));
    }
}
