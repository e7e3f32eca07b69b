package io.wanstudio.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The 403 error page (web.xml): the container refuses a signed-in caller without the admin role before any of our
 * code runs, so an API caller would get an HTML page. Under {@code /api/} the answer is the API's JSON
 * {@link ApiError}; elsewhere the static page.
 */
@WebServlet(ForbiddenErrorServlet.PATH)
public class ForbiddenErrorServlet extends HttpServlet {
    public static final String PATH = "/errors/forbidden";
    public static final String MESSAGE = "This needs an admin account.";

    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.toString().substring(Math.min(uri.toString().length(),
                request.getContextPath().length())).toLowerCase(Locale.ROOT);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("Cache-Control", "no-store");
        if (path.startsWith("/api/")) {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSON.toJson(new ApiError(ApiError.FORBIDDEN, MESSAGE, null)));
        } else {
            request.getRequestDispatcher("/WEB-INF/errors/403.html").forward(request, response);
        }
    }
}
