package io.wanstudio.admin;

import io.wanstudio.account.CurrentUser;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;

/** {@code /admin/spend.csv?month=2026-11}: the month's spend per user and day, for a spreadsheet. Admins only. */
@WebServlet(urlPatterns = "/admin/spend.csv")
public class SpendCsvServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient CurrentUser currentUser;

    @Inject
    transient SpendReport report;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!currentUser.isAdmin()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        YearMonth month = SpendPage.parse(request.getParameter("month"));
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"wan-studio-spend-" + month + ".csv\"");
        response.getWriter().write(report.csv(report.days(month)));
    }
}
