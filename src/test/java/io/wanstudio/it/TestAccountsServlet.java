package io.wanstudio.it;

import io.wanstudio.account.AccountAdministration;
import io.wanstudio.account.AccountException;
import io.wanstudio.account.Role;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only (added to the test deployment by {@link Deployments#appWithTestAccounts()}, never shipped): the admin's
 * account actions through {@link AccountAdministration}, acting as the configured admin, so that tests can make users.
 * POST {@code action} = create | disable | enable | reset | demote, {@code username}, {@code password},
 * {@code admin}.
 */
@WebServlet(urlPatterns = TestAccountsServlet.PATH)
public class TestAccountsServlet extends HttpServlet {
    static final String PATH = "/it/accounts";
    private static final long serialVersionUID = 1L;

    @Inject
    transient AccountAdministration accounts;

    @PersistenceContext(unitName = "wan")
    transient EntityManager em;


    /** {@code ?uploads=<user>}: how many uploaded files the user has kept (rows), as plain text. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String owner = request.getParameter("uploads");
        if (owner == null) {
            response.sendError(400);
            return;
        }
        long rows = em.createQuery("SELECT COUNT(u) FROM StoredUpload u WHERE u.owner = :owner", Long.class)
                .setParameter("owner", owner).getSingleResult();
        response.setContentType("text/plain");
        response.getWriter().write(Long.toString(rows));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String admin = "admin"; // the first admin, from -Dwan.admin.user in arquillian.xml
        String address = request.getRemoteAddr();
        String username = request.getParameter("username");
        try {
            switch (String.valueOf(request.getParameter("action"))) {
                case "create" -> accounts.createUser(admin, address, username, request.getParameter("password"),
                        "true".equals(request.getParameter("admin")) ? Role.ADMIN : Role.USER,
                        "true".equals(request.getParameter("mustChange")));
                case "disable" -> accounts.disable(admin, address, username);
                case "enable" -> accounts.enable(admin, address, username);
                case "reset" -> accounts.resetPassword(admin, address, username, request.getParameter("password"));
                case "demote" -> accounts.changeRole(admin, address, username, Role.USER);
                default -> {
                    response.sendError(400);
                    return;
                }
            }
            response.setStatus(204);
        } catch (AccountException e) {
            response.setStatus(409);
            response.setContentType("text/plain");
            response.getWriter().write(e.getMessage());
        }
    }
}
