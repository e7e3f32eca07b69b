package io.wanstudio.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the studio is reached over HTTPS. {@code wan.https=true} (env {@code WAN_HTTPS}) says it always is, e.g.
 * behind a TLS-terminating proxy: then the session cookie is marked {@code Secure} and HSTS is sent. Without it, a
 * request counts as HTTPS when the server received it so ({@code isSecure()}) or a proxy says so
 * ({@code X-Forwarded-Proto: https}; a client faking that header only gets an HSTS header its browser ignores on
 * plain HTTP).
 */
@ApplicationScoped
public class HttpsSetting {
    @Inject
    @ConfigProperty(name = "wan.https", defaultValue = "false")
    boolean httpsOnly;

    public boolean httpsOnly() {
        return httpsOnly;
    }

    public boolean isHttps(HttpServletRequest request) {
        return httpsOnly || request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
