package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wanstudio.testing.TestMedia;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in and isolation over real HTTP: the login page, its neutral message, throttling, disabled users, the
 * password change a reset forces, sign-out, the API's tokens (never a cookie), and user B getting 404 for all
 * of user A's things. Users are made through the test-only account switch, as an admin would.
 */
@ExtendWith(SharedStudio.class)
class AccountsIT {
    private static final String BASE = Http.IT_BASE;
    private static final String NEUTRAL = "Wrong username or password.";
    private static final SimulatorControl SIMULATOR = new SimulatorControl(new Http(BASE));
    /** Follows no redirects: what a request gets first is what the test sees. */
    private static final Http APP = new Http(BASE);

    /** A new user with a random name (tests may run again against the same database). */
    private static String newUser(String prefix, String password, String... extra) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        String[] fields = new String[4 + extra.length];
        fields[0] = "username";
        fields[1] = name;
        fields[2] = "password";
        fields[3] = password;
        System.arraycopy(extra, 0, fields, 4, extra.length);
        Accounts.admin(BASE, "create", fields);
        return name;
    }

    @Test
    void signingInLandsOnTheStudioWithTheUserInTheHeaderAndANewSessionId() {
        var session = new Accounts.Session(BASE);
        session.get("/login.xhtml");
        String before = session.cookie("JSESSIONID");

        var page = session.signIn(Accounts.ADMIN, Accounts.ADMIN_PASSWORD);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).doesNotEndWith("/login.xhtml");
        assertThat(page.body()).contains("id=\"signedInUser\"").contains(">admin<").contains("Create a video");
        assertThat(session.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);
        // signed in, the login page leads to the studio: another user signs in only after signing out
        assertThat(session.get("/login.xhtml").uri().getPath()).doesNotEndWith("/login.xhtml");
    }

    @Test
    void aWrongPasswordAnUnknownNameAndAnEmptyPasswordGetTheSameNeutralMessage() {
        String user = newUser("neutral", "tidy lantern orbit 77");

        var wrongPassword = new Accounts.Session(BASE).signIn(user, "tidy lantern orbit 78");
        var unknownUser = new Accounts.Session(BASE).signIn("nobody-" + UUID.randomUUID().toString()
                .substring(0, 6), "tidy lantern orbit 77");

        for (var page : new HttpResponse<?>[] {wrongPassword, unknownUser}) {
            assertThat(page.uri().getPath()).endsWith("/login.xhtml");
            assertThat((String) page.body()).contains(NEUTRAL).doesNotContain("signedInUser");
        }
    }

    @Test
    void pagesAndMediaWithoutSignInGoToTheLoginPage() {
        for (String path : new String[] {"/", "/index.xhtml", "/account/tokens.xhtml", "/media/tasks/1/video"}) {
            var response = APP.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login.xhtml"));
        }
        var login = new Accounts.Session(BASE).get("/");
        assertThat(login.uri().getPath()).endsWith("/login.xhtml");
        assertThat(login.body()).contains("id=\"login:username\"");
        // what the login page needs, and the signed links for the provider, stay open
        assertThat(new Accounts.Session(BASE).get("/jakarta.faces.resource/css/studio.css.xhtml").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theApiWithoutAValidTokenIsA401InJsonAndNeverTakesTheSessionCookie() {
        var none = APP.get("/api/v1/tasks");
        assertUnauthorized(none);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));

        var wrong = APP.withBearer("wan_" + "A".repeat(43)).get("/api/v1/tasks");
        assertUnauthorized(wrong);

        // a signed-in browser session is no way into the API
        var session = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        assertUnauthorized(session.get("/api/v1/tasks"));
        // nor is the API's path spelled with an escaped letter
        assertUnauthorized(session.get("/%61pi/v1/tasks"));
    }

    @Test
    void aRevokedTokenIsRefused() {
        String password = "velvet signal harbor 31";
        String user = newUser("revoker", password);
        var session = Accounts.signIn(BASE, user, password);
        String token = session.createToken("to be revoked");
        var api = new Http(BASE).withBearer(token);
        assertThat(api.get("/api/v1/tasks").statusCode()).isEqualTo(200);
        var tokens = session.get("/account/tokens.xhtml");
        assertThat(tokens.body()).contains("to be revoked").contains(token.substring(0, 12)).doesNotContain(token);

        session.submit("/account/tokens.xhtml", "tokenList", Map.of(), "tokenList:rows:0:revoke");

        assertUnauthorized(api.get("/api/v1/tasks"));
    }

    @Test
    void userBGetsNotFoundForEverythingOfUserA() {
        String password = "quiet meadow copper 58";
        String a = newUser("owner-a", password);
        String b = newUser("owner-b", password);
        var sessionA = Accounts.signIn(BASE, a, password);
        var sessionB = Accounts.signIn(BASE, b, password);
        var apiA = new Http(BASE).withBearer(sessionA.createToken("a"));
        var apiB = new Http(BASE).withBearer(sessionB.createToken("b"));

        var created = apiA.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(320, 240))
                .field("prompt", "Only mine [accounts-it]").field("durationSeconds", "2"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).getJsonNumber("id").longValue();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.json(apiA.get("/api/v1/tasks/" + id)).getString("state").equals("COMPLETED"));
        assertThat(apiA.getBytes("/api/v1/tasks/" + id + "/video").statusCode()).isEqualTo(200);
        assertThat(sessionA.get("/media/tasks/" + id + "/poster").statusCode()).isEqualTo(200);

        for (String path : new String[] {"/api/v1/tasks/" + id, "/api/v1/tasks/" + id + "/video",
            "/api/v1/tasks/" + id + "/poster"}) {
            var response = apiB.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(Http.json(response).getString("error")).isEqualTo("not_found");
        }
        assertThat(sessionB.get("/media/tasks/" + id + "/video").statusCode()).isEqualTo(404);
        assertThat(sessionB.get("/media/tasks/" + id + "/poster").statusCode()).isEqualTo(404);
        JsonObject listOfB = Http.json(apiB.get("/api/v1/tasks"));
        assertThat(listOfB.getJsonArray("tasks")).isEmpty();
        assertThat(sessionB.get("/").body()).doesNotContain("Only mine [accounts-it]");
        assertThat(sessionA.get("/").body()).contains("Only mine [accounts-it]");
    }

    @Test
    void repeatedFailuresThrottleTheAccountEvenForTheRightPassword() {
        String password = "amber tunnel falcon 64";
        String user = newUser("throttled", password);
        for (int i = 0; i < 5; i++) {
            assertThat(new Accounts.Session(BASE).signIn(user, "not the password " + i).body()).contains(NEUTRAL);
        }

        var refused = new Accounts.Session(BASE).signIn(user, password);

        assertThat(refused.uri().getPath()).endsWith("/login.xhtml");
        assertThat(refused.body()).contains("Too many attempts; try again in 1 minute.").doesNotContain(NEUTRAL);
        // the throttle is per account: others still get in from the same address
        Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
    }

    @Test
    void aDisabledUserCannotSignInAndLosesTheirSession() {
        String password = "pebble canyon violet 19";
        String user = newUser("disabled", password);
        var session = Accounts.signIn(BASE, user, password);

        Accounts.admin(BASE, "disable", "username", user);

        assertThat(new Accounts.Session(BASE).signIn(user, password).body()).contains(NEUTRAL)
                .doesNotContain("signedInUser");
        assertThat(session.get("/").uri().getPath()).endsWith("/login.xhtml");

        Accounts.admin(BASE, "enable", "username", user);
        Accounts.signIn(BASE, user, password);
    }

    @Test
    void anAdminCreatesAndDisablesAUserOnTheAccountsPage() {
        var admin = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        String user = "teammate-" + UUID.randomUUID().toString().substring(0, 6);

        var created = admin.submit("/admin/users.xhtml", "newUser", Map.of("newUser:username", user),
                "newUser:create");
        Matcher issued = Pattern.compile("id=\"issuedPassword\"[^>]*>([^<]+)<").matcher(created.body());
        assertThat(issued.find()).as(created.body()).isTrue();
        String temporary = issued.group(1);

        // the new user signs in with the temporary password and is held on the password page
        var first = new Accounts.Session(BASE).signIn(user, temporary);
        assertThat(first.uri().getPath()).endsWith("/account/password.xhtml");

        assertThat(clickRowButton(admin, user, "disable").body()).contains(user + " is disabled.");

        assertThat(new Accounts.Session(BASE).signIn(user, temporary).body()).contains(NEUTRAL)
                .doesNotContain("signedInUser");
        assertThat(admin.get("/admin/users.xhtml").body()).contains("USER_DISABLED");
    }

    @Test
    void anAdminMakesAUserAnAdminAndTakesItBackAndTheUsersOpenSessionAndTokenFollowAtOnce() {
        String password = "quiet harbor maple 42";
        String user = newUser("promoted", password);
        var session = Accounts.signIn(BASE, user, password);
        var api = new Http(BASE).withBearer(Accounts.apiToken(BASE, user, password));
        assertThat(session.get("/admin/history.xhtml").statusCode()).isEqualTo(403);
        var admin = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
        Matcher ownRow = Pattern.compile("data-username=\"" + Accounts.ADMIN + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(admin.get("/admin/users.xhtml").body());
        assertThat(ownRow.find()).isTrue();
        assertThat(ownRow.group(1)).as("no role button on one's own row").doesNotContain("makeAdmin", "makeUser");

        assertThat(clickRowButton(admin, user, "makeAdmin").body()).contains(user + " is an admin now.");
        assertThat(session.get("/admin/history.xhtml").statusCode()).as("the same session, at once").isEqualTo(200);
        assertThat(session.get("/").body()).contains("/admin/history.xhtml");
        assertThat(api.get("/api/v1/admin/health").statusCode()).isEqualTo(200);

        assertThat(clickRowButton(admin, user, "makeUser").body()).contains(user + " is no longer an admin.");
        assertThat(session.get("/admin/history.xhtml").statusCode()).isEqualTo(403);
        assertThat(session.get("/").statusCode()).as("still signed in as a user").isEqualTo(200);
        assertThat(api.get("/api/v1/admin/health").statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin/users.xhtml").body())
                .contains("made admin by " + Accounts.ADMIN, "admin role taken away by " + Accounts.ADMIN);
    }

    @Test
    void twoAdminsTakingEachOthersAdminRoleAtOnceLeaveOneOfThemAnAdmin() throws Exception {
        String password = "quiet harbor maple 42";
        for (int round = 0; round < 3; round++) {
            String x = newUser("admin-x", password, "admin", "true");
            String y = newUser("admin-y", password, "admin", "true");
            var sessions = List.of(Accounts.signIn(BASE, x, password), Accounts.signIn(BASE, y, password));
            // each opens the accounts page first, then both press "Remove admin" on the other's row at once
            var pages = List.of(sessions.get(0).get("/admin/users.xhtml"), sessions.get(1).get("/admin/users.xhtml"));
            var bothReady = new CyclicBarrier(2);
            List<CompletableFuture<HttpResponse<String>>> presses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                var session = sessions.get(i);
                String page = pages.get(i).body();
                Matcher button = Pattern.compile("data-username=\"" + (i == 0 ? y : x)
                        + "\".*?name=\"(userList:rows:\\d+:makeUser)\"", Pattern.DOTALL).matcher(page);
                Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                        .matcher(page);
                assertThat(button.find() && viewState.find()).isTrue();
                presses.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        bothReady.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return session.post(pages.get(0).uri(), "userList", Map.of(), button.group(1), viewState.group(1));
                }));
            }
            List<HttpResponse<String>> answers = presses.stream().map(CompletableFuture::join).toList();

            String said = answers.stream().map(a -> a.statusCode() + " " + a.uri() + " " + notices(a.body()))
                    .toList().toString();
            assertThat(sessions).as("round %d: one of the two is an admin still after %s", round, said)
                    .filteredOn(s -> s.get("/admin/users.xhtml").statusCode() == 200).hasSize(1);
            assertThat(answers).filteredOn(a -> a.body().contains(" is no longer an admin.")).hasSize(1);
            assertThat(answers).filteredOn(a -> !a.body().contains(" is no longer an admin.")).singleElement()
                    .satisfies(a -> assertThat(a.statusCode() == 403 || a.body().contains("Only an admin can do this."))
                            .as(a.statusCode() + " " + a.body()).isTrue());
        }
    }

    /** The page's notices (what the admin reads after pressing a button). */
    private static String notices(String page) {
        Matcher notice = Pattern.compile("class=\"notice[^\"]*\"[^>]*>([^<]*)<").matcher(page);
        List<String> found = new ArrayList<>();
        while (notice.find()) {
            found.add(notice.group(1).trim());
        }
        return found.toString();
    }

    /** Presses a button of a user's row on the accounts page, as the admin's browser would. */
    private static HttpResponse<String> clickRowButton(Accounts.Session admin, String user, String button) {
        Matcher name = Pattern.compile("data-username=\"" + user + "\".*?name=\"(userList:rows:\\d+:" + button + ")\"",
                Pattern.DOTALL).matcher(admin.get("/admin/users.xhtml").body());
        assertThat(name.find()).as(button + " on the row of " + user).isTrue();
        return admin.submit("/admin/users.xhtml", "userList", Map.of(), name.group(1));
    }

    @Test
    void onlyAdminsReachTheAccountsPage() {
        String password = "quiet harbor maple 42";
        String user = newUser("plain", password);
        var session = Accounts.signIn(BASE, user, password);
        assertThat(session.get("/admin/users.xhtml").statusCode()).isEqualTo(403);
        assertThat(session.get("/").body()).doesNotContain("/admin/");
    }

    @Test
    void aUserWhosePasswordWasResetMustChangeItBeforeAnythingElse() {
        String temporary = "temporary harbor lights 11";
        String chosen = "my own garden compass 42";
        String user = newUser("reset", temporary, "mustChange", "true");

        var elsewhere = new Accounts.Session(BASE);
        elsewhere.signIn(user, temporary);
        var session = new Accounts.Session(BASE);
        var landing = session.signIn(user, temporary);
        assertThat(landing.uri().getPath()).endsWith("/account/password.xhtml");
        assertThat(landing.body()).contains("id=\"passwordDue\"");
        assertThat(session.get("/").uri().getPath()).endsWith("/account/password.xhtml");
        assertThat(session.get("/account/tokens.xhtml").uri().getPath()).endsWith("/account/password.xhtml");

        var tooShort = session.changePassword(temporary, "short");
        assertThat(tooShort.body()).containsPattern("id=\"password:newPasswordMessage\"[^>]*>Use at least 12");
        var wrongCurrent = session.changePassword("not my password 123", chosen);
        assertThat(wrongCurrent.body()).containsPattern("id=\"password:currentMessage\"[^>]*>This is not your");

        var changed = session.changePassword(temporary, chosen);
        assertThat(changed.uri().getPath()).doesNotEndWith("/account/password.xhtml");
        assertThat(changed.body()).contains("Your password was changed.").contains("Create a video");
        assertThat(session.get("/").body()).contains("Create a video");
        assertThat(elsewhere.get("/").uri().getPath()).as("other sessions end").endsWith("/login.xhtml");
        assertThat(new Accounts.Session(BASE).signIn(user, temporary).body()).contains(NEUTRAL);
        Accounts.signIn(BASE, user, chosen);
    }

    @Test
    void signingOutEndsTheSession() {
        var session = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);

        var after = session.signOut();

        assertThat(after.uri().getPath()).endsWith("/login.xhtml");
        assertThat(session.get("/").uri().getPath()).endsWith("/login.xhtml");
    }

    @Test
    void anIdempotencyKeyBelongsToItsOwner() {
        String password = "copper lantern meadow 27";
        var apiA = new Http(BASE).withBearer(Accounts.apiToken(BASE, newUser("key-a", password), password));
        var apiB = new Http(BASE).withBearer(Accounts.apiToken(BASE, newUser("key-b", password), password));
        String key = UUID.randomUUID().toString();
        String prompt = "One key, two owners " + key;

        var ofA = submitWithKey(apiA, prompt, key);
        var ofB = submitWithKey(apiB, prompt, key);

        assertThat(ofA.statusCode()).as(ofA.body()).isEqualTo(201);
        assertThat(ofB.statusCode()).as(ofB.body()).isEqualTo(201);
        long idOfA = Http.json(ofA).getJsonNumber("id").longValue();
        long idOfB = Http.json(ofB).getJsonNumber("id").longValue();
        assertThat(idOfB).isNotEqualTo(idOfA);
        assertThat(apiB.get("/api/v1/tasks/" + idOfB).statusCode()).isEqualTo(200);
        assertThat(apiA.get("/api/v1/tasks/" + idOfB).statusCode()).isEqualTo(404);
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(2, 2));
        // for its owner the key still means the task it made
        assertThat(Http.json(submitWithKey(apiA, prompt, key)).getJsonNumber("id").longValue()).isEqualTo(idOfA);
        assertThat(SIMULATOR.submissions(prompt)).isEqualTo(new SimulatorControl.Count(2, 2));
    }

    private static HttpResponse<String> submitWithKey(Http api, String prompt, String key) {
        return api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(320, 240))
                .field("prompt", prompt).field("durationSeconds", "2"), "Idempotency-Key", key);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Http.json(response).getString("error")).isEqualTo("unauthorized");
    }
}
