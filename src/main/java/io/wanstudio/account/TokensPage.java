package io.wanstudio.account;

import io.wanstudio.platform.faces.Faces;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The user's personal API tokens: make one (its value is shown on this page once and never again), see them,
 * revoke them.
 */
@Named
@ViewScoped
public class TokensPage implements Serializable {
    static final String FORM = "tokens";
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    ApiTokenService tokenService;

    private String label;
    /** Only in this view, after "create": the one time the token's value is shown. */
    private String newToken;
    private ArrayList<TokenRow> tokens = new ArrayList<>();

    /** What the page lists of a token: never its value. (A class with getters: EL 5 cannot read records.) */
    public static final class TokenRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String label;
        private final String prefix;
        private final String created;
        private final String lastUsed;
        private final String revoked;

        TokenRow(ApiToken t) {
            id = t.getId();
            label = t.getLabel();
            prefix = t.getPrefix();
            created = text(t.getCreatedAt());
            lastUsed = t.getLastUsedAt() == null ? "never" : text(t.getLastUsedAt());
            revoked = t.getRevokedAt() == null ? null : text(t.getRevokedAt());
        }

        private static String text(Instant instant) {
            return instant.truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ')
                    .replace("Z", " UTC");
        }

        public long getId() {
            return id;
        }

        public String getLabel() {
            return label;
        }

        public String getPrefix() {
            return prefix;
        }

        public String getCreated() {
            return created;
        }

        public String getLastUsed() {
            return lastUsed;
        }

        public String getRevoked() {
            return revoked;
        }

        public boolean isActive() {
            return revoked == null;
        }
    }

    @PostConstruct
    void init() {
        refresh();
    }

    public void create() {
        try {
            newToken = tokenService.create(currentUser.name(), Faces.clientAddress(), label).plaintext();
            label = null;
            refresh();
        } catch (AccountException e) {
            Faces.fieldErrors(FORM, Map.of(AccountException.LABEL, "label"), e.asFieldErrors());
        }
    }

    public void revoke(long id) {
        if (tokenService.revoke(currentUser.name(), Faces.clientAddress(), id)) {
            Faces.info("The token was revoked; programs using it are refused from now on.");
        }
        refresh();
    }

    private void refresh() {
        tokens = new ArrayList<>(tokenService.list(currentUser.name()).stream().map(TokenRow::new).toList());
    }

    public List<TokenRow> getTokens() {
        return tokens;
    }

    public String getNewToken() {
        return newToken;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}
