package io.wanstudio.it;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in from tests, the way people do: the login page's form over HTTP (JDK client with a cookie jar) or in
 * the browser. API tokens are made on the account's token page, as a user would, since the API never trusts a
 * session. The admin is the one the test server makes at its first start (arquillian.xml).
 */
public final class Accounts {
    public static final String ADMIN = "admin";
    /** Must match {@code -Dwan.admin.password} in arquillian.xml. */
    public static final String ADMIN_PASSWORD = "it-studio-passphrase-2f9c";

    static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]+)\"");
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"newToken\"[^>]*>(wan_[A-Za-z0-9_-]+)<");

    private Accounts() {
    }

    /** Signs in through the login page; fails the test when the sign-in does not land on a studio page. */
    public static Session signIn(String base, String username, String password) {
        Session session = new Session(base);
        HttpResponse<String> after = session.signIn(username, password);
        if (after.statusCode() != 200 || after.uri().getPath().endsWith("/login.xhtml")) {
            throw new IllegalStateException("Sign-in of " + username + " failed: " + after.statusCode() + " at "
                    + after.uri());
        }
        return session;
    }

    /** A new API token of the user (signs in, makes it on the token page, signs out of nothing: the session ends). */
    public static String apiToken(String base, String username, String password) {
        return signIn(base, username, password).createToken("it " + System.nanoTime());
    }

    public static String adminToken(String base) {
        return apiToken(base, ADMIN, ADMIN_PASSWORD);
    }

    /** Signs in with a browser on the login page and waits until it left it. */
    public static void signIn(WebDriver browser, String base, String username, String password) {
        browser.get(base + "/login.xhtml");
        browser.findElement(By.id("login:username")).sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:signIn")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login.xhtml"));
    }

    /** Creates a user through the test-only account switch ({@link Deployments#appWithTestAccounts()}). */
    public static void admin(String base, String action, String... fields) {
        var form = new LinkedHashMap<String, String>();
        form.put("action", action);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        var response = new Http(base).postForm(TestAccountsServlet.PATH, encode(form));
        if (response.statusCode() != 204) {
            throw new IllegalStateException(action + " refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** How many uploads the user has kept (rows in the database), through the test-only switch. */
    public static long uploadRows(String base, String username) {
        var response = new Http(base).get(TestAccountsServlet.PATH + "?uploads="
                + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upload count refused: " + response.statusCode());
        }
        return Long.parseLong(response.body().trim());
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A browser-like HTTP session: cookies kept, redirects followed, Faces forms posted with their ViewState. */
    public static final class Session {
        private final String base;
        private final CookieManager cookies;
        private final Http http;

        public Session(String base) {
            this(base, new CookieManager());
        }

        private Session(String base, CookieManager cookies) {
            this.base = base;
            this.cookies = cookies;
            this.http = Http.over(base, HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build());
        }

        /** The same browser (its cookies) at another address, e.g. another instance behind the same proxy. */
        public Session at(String otherBase) {
            return new Session(otherBase, cookies);
        }

        /** Requests of any kind (headers, HEAD, bytes) in this session, as the browser would send them. */
        public Http http() {
            return http;
        }

        /** Posts the login form; returns the page it ended on (the studio, or the login page with a message). */
        public HttpResponse<String> signIn(String username, String password) {
            return submit("/login.xhtml", "login", Map.of("login:username", username, "login:password", password),
                    "login:signIn");
        }

        /** The current value of a cookie of the app, or null. */
        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }

        public HttpResponse<String> get(String path) {
            return http.get(path);
        }

        /**
         * Opens the page, then posts one of its forms with these fields and the button pressed, as a browser
         * does.
         */
        public HttpResponse<String> submit(String page, String formId, Map<String, String> fields, String button) {
            HttpResponse<String> form = get(page);
            Matcher viewState = VIEW_STATE.matcher(form.body());
            if (form.statusCode() != 200 || !viewState.find()) {
                throw new IllegalStateException("No form at " + page + ": " + form.statusCode() + " " + form.uri());
            }
            return post(form.uri(), formId, fields, button, viewState.group(1));
        }

        HttpResponse<String> post(URI page, String formId, Map<String, String> fields, String button,
                String viewState) {
            var body = new LinkedHashMap<String, String>();
            body.put(formId, formId);
            body.putAll(fields);
            body.put(button, "x");
            body.put("jakarta.faces.ViewState", viewState);
            return http.postForm(pathOf(page), encode(body));
        }

        /** The part of a page's address after this session's base (which may include a context root). */
        private String pathOf(URI page) {
            String address = page.toString();
            if (!address.startsWith(base)) {
                throw new IllegalStateException(page + " is not under " + base);
            }
            return address.substring(base.length());
        }

        /** Makes an API token on the token page and returns its value (shown once). */
        public String createToken(String label) {
            var page = submit("/account/tokens.xhtml", "tokens", Map.of("tokens:label", label), "tokens:create");
            Matcher token = NEW_TOKEN.matcher(page.body());
            if (!token.find()) {
                throw new IllegalStateException("No token shown: " + page.statusCode() + " " + page.uri());
            }
            return token.group(1);
        }

        public HttpResponse<String> changePassword(String current, String next) {
            return submit("/account/password.xhtml", "password", Map.of("password:current", current,
                    "password:newPassword", next, "password:repeat", next), "password:change");
        }

        public HttpResponse<String> signOut() {
            return submit("/account/password.xhtml", "session", Map.of(), "session:signOut");
        }
    }
}
