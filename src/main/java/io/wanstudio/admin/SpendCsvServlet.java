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

/**
 * {@code /admin/spend.csv?month=2026-11[&months=12]}: spend per user and day of the month (or of the months up to
 * it), for a spreadsheet. Admins only.
 */
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
        YearMonth last = SpendPage.parse(request.getParameter("month"));
        YearMonth first = last.minusMonths(months(request.getParameter("months")) - 1L);
        String name = first.equals(last) ? last.toString() : first + "-to-" + last;
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"wan-studio-spend-" + name + ".csv\"");
        response.getWriter().write(report.csv(report.days(first, last)));
    }

    /** 1 to 120 months; one when absent or unreadable. */
    static int months(String count) {
        try {
            return count == null ? 1 : Math.max(1, Math.min(120, Integer.parseInt(count.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
