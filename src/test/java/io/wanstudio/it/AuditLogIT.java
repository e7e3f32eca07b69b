package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin's audit log page: filtered by account and event in the URL; admins only. */
@ExtendWith(SharedStudio.class)
class AuditLogIT {
    private static final String BASE = Http.IT_BASE;
    private static final String PASSWORD = "audit-it-passphrase-58";
    /** How an event's cell starts: the cell names its column (for the stacked rows on a phone). */
    private static final String EVENT = "<td data-label=\"Event\" data-event=\"";

    @Test
    void theAdminFindsAnAccountsEventsByFilterAndOthersGetNoPage() {
        String user = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.admin(BASE, "create", "username", user, "password", PASSWORD);
        new Accounts.Session(BASE).signIn(user, "not the password");
        Accounts.signIn(BASE, user, PASSWORD);
        var admin = Accounts.signIn(BASE, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);

        String failed = admin.get("/admin/audit.xhtml?user=" + user + "&type=SIGN_IN_FAILED").body();
        assertThat(failed).contains(EVENT + "SIGN_IN_FAILED\">Sign-in failed</td>")
                .doesNotContain(EVENT + "SIGN_IN\">Signed in</td>");
        String all = admin.get("/admin/audit.xhtml?user=" + user).body();
        assertThat(all).contains("<option value=\"SIGN_IN_FAILED\">Sign-in failed</option>");
        assertThat(all).contains(EVENT + "SIGN_IN_FAILED\">Sign-in failed</td>")
                .contains(EVENT + "SIGN_IN\">Signed in</td>")
                .contains(EVENT + "USER_CREATED\">Account created</td>");
        assertThat(admin.get("/admin/audit.xhtml?user=nobody-" + user).body()).contains("No events match");

        assertThat(Accounts.signIn(BASE, user, PASSWORD).get("/admin/audit.xhtml").statusCode()).isIn(403, 404);
    }
}
