package io.wanstudio.platform;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie: HttpOnly (also in web.xml) and {@code Secure} when the studio is served over HTTPS
 * ({@code wan.https=true}; see {@link HttpsSetting}); without that setting Payara still marks it Secure when the
 * request that creates the session is itself HTTPS. {@code SameSite=Lax} is set in {@code glassfish-web.xml}:
 * Payara 6 ignores {@code SessionCookieConfig.setAttribute("SameSite", ...)}.
 */
@WebListener
public class SessionCookieSettings implements ServletContextListener {
    @Inject
    HttpsSetting https;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        if (https.httpsOnly()) {
            cookie.setSecure(true);
        }
    }
}
