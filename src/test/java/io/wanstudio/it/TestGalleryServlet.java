package io.wanstudio.it;

import io.wanstudio.gallery.ShareRefusedException;
import io.wanstudio.gallery.ShareService;
import io.wanstudio.gallery.StitchRefusedException;
import io.wanstudio.gallery.StitchService;
import io.wanstudio.generation.Lineage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Test-only (added by {@link Deployments#appWithTestAccounts()}, never shipped): the gallery's services as the
 * pages will call them (make, revoke a share link; stitch a chain), and stored facts no action of the app sets
 * yet, so that a test need not wait a week: a link's expiry moved to the past, a task marked as the extension of
 * another (the API has no "extend" field). POST {@code action} = share | revoke | expire | extends | stitch.
 */
@WebServlet(urlPatterns = TestGalleryServlet.PATH)
public class TestGalleryServlet extends HttpServlet {
    static final String PATH = "/it/gallery";
    private static final long serialVersionUID = 1L;

    @Inject
    transient ShareService shares;

    @Inject
    transient StitchService stitches;

    @Inject
    transient Rows rows;

    /** Bulk JPQL updates, so that the persistence cache does not keep the old values. */
    @ApplicationScoped
    @Transactional
    public static class Rows {
        @PersistenceContext(unitName = "wan")
        EntityManager em;

        public int expire(long linkId) {
            return em.createQuery("UPDATE ShareLink s SET s.expiresAt = :past WHERE s.id = :id")
                    .setParameter("past", Instant.now().minusSeconds(1)).setParameter("id", linkId).executeUpdate();
        }

        public int extension(long taskId, long parentId) {
            return em.createQuery("UPDATE GenerationTask t SET t.parentTaskId = :parent, t.lineage = :lineage"
                    + " WHERE t.id = :id").setParameter("parent", parentId).setParameter("lineage", Lineage.EXTEND)
                    .setParameter("id", taskId).executeUpdate();
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String owner = request.getParameter("owner");
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        try {
            String answer = switch (String.valueOf(request.getParameter("action"))) {
                case "share" -> {
                    var link = shares.create(owner, number(request, "task"),
                            Duration.ofHours(number(request, "hours")));
                    yield link.link().getId() + " " + link.path();
                }
                case "revoke" -> Boolean.toString(shares.revoke(owner, number(request, "link")));
                case "list" -> shares.list(owner, number(request, "task")).stream()
                        .map(l -> l.getId() + " " + l.status(Instant.now())).toList().toString();
                case "expire" -> Integer.toString(rows.expire(number(request, "link")));
                case "extends" -> Integer.toString(rows.extension(number(request, "task"), number(request, "parent")));
                case "stitch" -> Long.toString(stitches.stitch(owner, number(request, "task")).getId());
                default -> null;
            };
            if (answer == null) {
                response.sendError(400);
                return;
            }
            response.getWriter().write(answer);
        } catch (ShareRefusedException | StitchRefusedException e) {
            response.setStatus(409);
            response.getWriter().write(e.getMessage());
        }
    }

    private static long number(HttpServletRequest request, String name) {
        return Long.parseLong(request.getParameter(name));
    }
}
