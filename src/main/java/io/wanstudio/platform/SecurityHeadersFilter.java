package io.wanstudio.platform;

import io.wanstudio.platform.faces.CspNonceRenderKitFactory;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Security headers on every response. Pages get a strict Content-Security-Policy: scripts only from this origin
 * plus the inline scripts Faces itself renders ({@code f:websocket}'s and {@code h:commandScript}'s), which carry
 * this request's nonce ({@link CspNonceRenderKitFactory}). No {@code 'unsafe-inline'}, no {@code 'unsafe-eval'}:
 * the studio page has no inline event handlers (its Ajax calls are made by {@code studio.js}, because Mojarra
 * renders {@code f:ajax} as {@code onclick="mojarra.ab(...)"} attributes, which a nonce cannot allow, chains a
 * command's own {@code onclick} through {@code new Function}, and evaluates scripts inside Ajax updates with
 * {@code eval}). Mojarra also sends a multipart Ajax request (a file upload) through a hidden iframe, whose answer
 * {@code frame-ancestors 'none'} refuses to frame; {@code studio.js} uploads with XMLHttpRequest instead. The API
 * answers JSON and is never cached, except the media it streams.
 *
 * <p>HSTS is sent when the request came over HTTPS: directly ({@code isSecure()}), behind a proxy that says so
 * ({@code X-Forwarded-Proto: https}), or when {@code wan.https=true} says the studio is only reached over HTTPS.
 */
@WebFilter(filterName = "SecurityHeadersFilter", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
    /** Request attribute holding this request's CSP nonce (base64, 128 bits). */
    public static final String NONCE_ATTRIBUTE = "io.wanstudio.csp.nonce";
    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    transient HttpsSetting https;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (https.isHttps(request)) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (path.startsWith("/api/")) {
            if (!isApiMedia(path)) {
                response.setHeader("Cache-Control", "no-store");
            }
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        } else if (!path.startsWith("/simulator/")) {
            String nonce = newNonce();
            request.setAttribute(NONCE_ATTRIBUTE, nonce);
            response.setHeader("Content-Security-Policy", pagePolicy(nonce));
            response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        }
        chain.doFilter(request, response);
    }

    /** Finished videos and posters are immutable and may be cached privately (see MediaServlet). */
    private static boolean isApiMedia(String path) {
        return path.matches("/api/v1/tasks/\\d{1,18}/(video|poster)");
    }

    static String pagePolicy(String nonce) {
        return "default-src 'self'; "
                + "script-src 'self' 'nonce-" + nonce + "'; "
                + "style-src 'self'; "
                + "img-src 'self' data: blob:; "
                + "media-src 'self' blob:; "
                // Faces push (f:websocket) connects to ws(s):// on this host; 'self' covers ws: only in newer browsers
                + "connect-src 'self' ws: wss:; "
                + "font-src 'self'; "
                + "object-src 'none'; "
                + "base-uri 'self'; "
                + "form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    private static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
