package io.wanstudio.account;

import io.wanstudio.platform.HttpsSetting;
import io.wanstudio.platform.faces.Faces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * The one way in. The JSON API under {@code /api/} accepts only {@code Authorization: Bearer <personal token>},
 * never a session or cookie, and answers 401 JSON otherwise. Pages use a session opened by the Faces login page
 * through {@code SecurityContext.authenticate} with a username and password (checked by
 * {@link DatabaseIdentityStore}); a protected page without one redirects to the login page, which returns there
 * after signing in.
 *
 * <p>Why not Soteria's {@code @AutoApplySession} and {@code @LoginToContinue}: {@code @LoginToContinue} saves the
 * request and redirects to the login page <em>before</em> the mechanism runs, for every protected URL including
 * {@code /api/*}, so a token call would be sent to the login page; {@code @AutoApplySession} would accept a
 * session cookie on the API and register a new HTTP session for every token call. Both jobs are a few lines
 * here, with the API kept apart: the session is re-applied (exactly as {@code @AutoApplySession} does) for
 * pages only, and registered only at a form sign-in.
 *
 * <p>Also here: the session id changes at sign-in (no fixation); a session started before an admin disabled the
 * user or reset their password ends; a user who must change their password sees only that page.
 */
@ApplicationScoped
public class StudioAuthenticationMechanism implements HttpAuthenticationMechanism {
    public static final String LOGIN_PAGE = "/login.xhtml";
    public static final String PASSWORD_PAGE = "/account/password.xhtml";
    /** Session attributes. */
    static final String SIGNED_IN_AT = "wan.signedInAt";
    static final String MUST_CHANGE_PASSWORD = "wan.mustChangePassword";
    static final String RETURN_TO = "wan.returnTo";
    /** The token of the session's {@link WebSessions} row (also in the {@value WebSessions#COOKIE} cookie). */
    static final String WEB_SESSION = "wan.webSession";
    /** The caller's groups (Set of String), as last read from the database. */
    static final String GROUPS = "wan.groups";
    /** Until when the session counts as live for requests of files, without asking the database again. */
    private static final String LIVE_UNTIL = "wan.liveUntil";
    private static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(StudioAuthenticationMechanism.class.getName());
    private static final String BEARER = "bearer ";
    /** Reachable while a password change is due: the page itself and what it is drawn with. */
    private static final Set<String> OPEN_WHILE_PASSWORD_DUE = Set.of(PASSWORD_PAGE, LOGIN_PAGE);

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ApiTokenService tokens;

    @Inject
    SignInAttempt attempt;

    @Inject
    WebSessions webSessions;

    @Inject
    HttpsSetting https;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = path(request);
        if (isApi(request, path)) {
            return bearer(request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential != null) {
            return signIn(request, response, context, credential);
        }
        Principal sessionCaller = request.getUserPrincipal();
        SessionCheck check = sessionCaller == null ? SessionCheck.ENDED : check(request, path);
        if (check == SessionCheck.LIVE) {
            return resumeSession(request, response, context, sessionCaller, path);
        }
        if (sessionCaller == null || check == SessionCheck.ROLE_CHANGED) {
            // signed in on another instance (or this one before a restart), or its role changed: the session
            // carries over
            String token = cookie(request);
            Optional<WebSessions.Caller> carried = token == null ? Optional.empty() : webSessions.resume(token);
            if (carried.isPresent()) {
                return carryOver(request, response, context, carried.get(), token, path);
            }
        }
        return context.isProtected() ? toLoginPage(request, response, context, path) : context.doNothing();
    }

    private AuthenticationStatus bearer(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return unauthorized(response, null, "Send a personal API token as 'Authorization: Bearer <token>'; "
                    + "make one on your account page.");
        }
        Optional<ApiCaller> caller = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (caller.isEmpty()) {
            return unauthorized(response, "invalid_token",
                    "This API token is not valid: it may be mistyped, revoked, or its account disabled.");
        }
        // no session is registered: every API call brings its token
        return context.notifyContainerAboutLogin(caller.get().username(), caller.get().role().groups());
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, Credential credential) {
        attempt.clientAddress(request.getRemoteAddr());
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE; // the login page shows why, from the attempt
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(SIGNED_IN_AT, Instant.now());
        boolean mustChange = attempt.result() != null
                && attempt.result().status() == SignInResult.Status.MUST_CHANGE;
        if (mustChange) {
            session.setAttribute(MUST_CHANGE_PASSWORD, Boolean.TRUE);
        } else {
            session.removeAttribute(MUST_CHANGE_PASSWORD);
        }
        String token = webSessions.start(result.getCallerPrincipal().getName(), mustChange);
        session.setAttribute(WEB_SESSION, token);
        session.setAttribute(GROUPS, Set.copyOf(result.getCallerGroups()));
        setCookie(request, response, token, -1);
        context.setRegisterSession(result.getCallerPrincipal().getName(), result.getCallerGroups());
        return context.notifyContainerAboutLogin(result);
    }

    /** A live session of the cookie, new to this instance: registered here as if just signed in. */
    private AuthenticationStatus carryOver(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, WebSessions.Caller caller, String token, String path) {
        HttpSession session = request.getSession(true);
        session.setAttribute(SIGNED_IN_AT, caller.signedInAt());
        session.setAttribute(WEB_SESSION, token);
        session.setAttribute(GROUPS, Set.copyOf(caller.groups()));
        if (caller.mustChangePassword()) {
            session.setAttribute(MUST_CHANGE_PASSWORD, Boolean.TRUE);
        }
        context.setRegisterSession(caller.username(), caller.groups());
        AuthenticationStatus status = context.notifyContainerAboutLogin(caller.username(), caller.groups());
        if (status != AuthenticationStatus.SUCCESS) {
            return status;
        }
        return afterResume(request, response, context, path);
    }

    /** The session's cookie: the token of its row, for the browser's session only (no Max-Age). */
    private void setCookie(HttpServletRequest request, HttpServletResponse response, String token, int maxAge) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        boolean secure = https.httpsOnly() || https.isHttps(request);
        // by header: the Servlet Cookie API of Payara 6 cannot say SameSite
        response.addHeader("Set-Cookie", WebSessions.COOKIE + "=" + token + "; Path=" + path + "; HttpOnly; "
                + "SameSite=Lax" + (secure ? "; Secure" : "") + (maxAge >= 0 ? "; Max-Age=" + maxAge : ""));
    }

    /** Ends the caller's session everywhere and drops its cookie (sign-out). */
    public void signedOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        String token = session == null ? cookie(request) : (String) session.getAttribute(WEB_SESSION);
        if (token != null) {
            webSessions.end(token);
        }
        setCookie(request, response, "", 0);
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (WebSessions.COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Re-applies the session's caller, as Soteria's {@code @AutoApplySession} does. */
    private AuthenticationStatus resumeSession(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, Principal caller, String path) {
        // The groups are given again, not left to the session the container registered: under concurrent
        // requests of several sessions Payara now and then resumed a caller without them (a signed-in user's
        // page answered 403; bench/load.sh showed ~2 % of page views)
        HttpSession session = request.getSession(false);
        Object groups = session == null ? null : session.getAttribute(GROUPS);
        String[] names = groups instanceof Set<?> set ? set.stream().map(String::valueOf).toArray(String[]::new)
                : new String[0];
        try {
            context.getHandler().handle(names.length == 0
                    ? new Callback[] {new CallerPrincipalCallback(context.getClientSubject(), caller)}
                    : new Callback[] {new CallerPrincipalCallback(context.getClientSubject(), caller),
                        new GroupPrincipalCallback(context.getClientSubject(), names)});
        } catch (IOException | UnsupportedCallbackException e) {
            LOG.log(Level.WARNING, "Could not resume a signed-in session", e);
            return AuthenticationStatus.SEND_FAILURE;
        }
        return afterResume(request, response, context, path);
    }

    /** A signed-in caller goes to the password page while a change is due, and away from the login page. */
    private AuthenticationStatus afterResume(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, String path) {
        if (path.equals(LOGIN_PAGE) && "GET".equals(request.getMethod())) {
            // signed in already: to sign in as someone else, sign out first (no mixing of two users' session state)
            return redirect(request, response, context, "/");
        }
        HttpSession session = request.getSession(false);
        if (session != null && Boolean.TRUE.equals(session.getAttribute(MUST_CHANGE_PASSWORD))
                && context.isProtected() && !OPEN_WHILE_PASSWORD_DUE.contains(path)) {
            return redirect(request, response, context, PASSWORD_PAGE);
        }
        return AuthenticationStatus.SUCCESS;
    }

    /** What became of a signed-in session since its last request. */
    private enum SessionCheck { LIVE, ROLE_CHANGED, ENDED }

    /**
     * ENDED: the session was ended, here or on another instance: signed out, timed out, or an admin disabled the
     * user or reset their password after it signed in. Then this instance's copy ends too. ROLE_CHANGED: an admin
     * gave or took the admin role; this instance's copy ends and the session is carried over afresh with the role
     * as stored (the container keeps the groups a session was registered with, and merges, never drops, groups
     * given later).
     */
    private SessionCheck check(HttpServletRequest request, String path) {
        HttpSession session = request.getSession(false);
        String token = session == null ? null : (String) session.getAttribute(WEB_SESSION);
        Instant now = Instant.now();
        if (token != null && isFile(path) && session.getAttribute(LIVE_UNTIL) instanceof Instant until
                && now.isBefore(until)) {
            // a page's many scripts, images and video ranges need not ask the database each time
            return SessionCheck.LIVE;
        }
        Optional<WebSessions.Caller> live = token == null ? Optional.empty() : webSessions.resume(token);
        if (live.isPresent() && Set.copyOf(live.get().groups()).equals(session.getAttribute(GROUPS))) {
            session.setAttribute(LIVE_UNTIL, now.plus(FILE_CHECK_INTERVAL));
            return SessionCheck.LIVE;
        }
        if (session != null) {
            session.invalidate();
        }
        return live.isPresent() ? SessionCheck.ROLE_CHANGED : SessionCheck.ENDED;
    }

    private AuthenticationStatus toLoginPage(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, String path) {
        if ("GET".equals(request.getMethod()) && !isAjax(request) && (path.equals("/") || path.endsWith(".xhtml"))) {
            String query = request.getQueryString();
            request.getSession(true).setAttribute(RETURN_TO, query == null ? path : path + "?" + query);
        }
        return redirect(request, response, context, LOGIN_PAGE);
    }

    /** A Faces ajax request cannot follow a 302: it gets a partial response that tells the page to go. */
    private static AuthenticationStatus redirect(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, String page) {
        String url = request.getContextPath() + page;
        if (!isAjax(request)) {
            return context.redirect(url);
        }
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + url + "\"></redirect></partial-response>");
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not send an ajax redirect", e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, String bearerError,
            String message) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", bearerError == null ? "Bearer realm=\"wan-studio\""
                    : "Bearer realm=\"wan-studio\", error=\"" + bearerError + "\"");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff"); // filters never see this answer
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(Json.createObjectBuilder().add("error", "unauthorized")
                    .add("message", message).build().toString());
            response.flushBuffer(); // committed: the container adds no error page of its own
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not send a 401", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** Scripts, styles, images and media: not pages, forms or the API. */
    private static boolean isFile(String path) {
        return path.startsWith("/jakarta.faces.resource/") || path.startsWith("/media/");
    }

    private static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }

    /**
     * Decoded, normalized path within the app, as the container mapped it (the raw URI could hide "/api" behind
     * percent-encoding).
     */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        if (path.isEmpty()) {
            path = request.getRequestURI().substring(request.getContextPath().length());
        }
        return path.isEmpty() ? "/" : path;
    }

    static boolean isApi(HttpServletRequest request, String path) {
        String raw = request.getRequestURI().substring(request.getContextPath().length()).toLowerCase(Locale.ROOT);
        return path.equals("/api") || path.startsWith("/api/") || raw.equals("/api") || raw.startsWith("/api/");
    }
}
