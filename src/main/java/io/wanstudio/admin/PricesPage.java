package io.wanstudio.admin;

import io.wanstudio.account.AccountAdministration;
import io.wanstudio.account.CurrentUser;
import io.wanstudio.account.UserAccount;
import io.wanstudio.budget.BudgetAdministration;
import io.wanstudio.budget.BudgetMonth;
import io.wanstudio.budget.BudgetScope;
import io.wanstudio.budget.Budgets;
import io.wanstudio.budget.Money;
import io.wanstudio.budget.SettingRefusedException;
import io.wanstudio.generation.Pricing;
import io.wanstudio.platform.faces.Faces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin's prices and budgets page: the per-second prices (a change applies to the next quote; tasks keep the
 * cost they were quoted), each user's monthly budget and the team's, with what each has spent this month. Every
 * change is one call into {@link BudgetAdministration}, which re-checks the role and audits it.
 */
@Named
@RequestScoped
public class PricesPage {
    private static final String PRICES_FORM = "prices";
    private static final String BUDGETS_FORM = "budgets";

    @Inject
    CurrentUser currentUser;

    @Inject
    AccountAdministration accounts;

    @Inject
    BudgetAdministration administration;

    @Inject
    Budgets budgets;

    @Inject
    Pricing pricing;

    private BigDecimal price720p;
    private BigDecimal price1080p;
    /** The prices in force when the page was opened: a change is audited as "from → to". */
    private BigDecimal loaded720p;
    private BigDecimal loaded1080p;
    private BigDecimal teamBudget;
    private BigDecimal loadedTeamBudget;
    private BudgetMonth month;
    private List<UserBudget> users;

    /** One user's row: the budget is edited in place, the spending is shown. */
    public static final class UserBudget {
        private final String username;
        private final BigDecimal spent;
        private final BigDecimal saved;
        private BigDecimal limit;

        UserBudget(String username, BigDecimal limit, BigDecimal spent) {
            this.username = username;
            this.saved = limit;
            this.limit = limit;
            this.spent = spent;
        }

        public String getUsername() {
            return username;
        }

        public BigDecimal getLimit() {
            return limit;
        }

        public void setLimit(BigDecimal limit) {
            this.limit = limit;
        }

        public BigDecimal getSpent() {
            return spent;
        }
    }

    @PostConstruct
    void load() {
        price720p = shown(pricing.perSecond(Pricing.RES_720P));
        price1080p = shown(pricing.perSecond(Pricing.RES_1080P));
        loaded720p = price720p;
        loaded1080p = price1080p;
        teamBudget = budgets.limit(BudgetScope.TEAM).map(PricesPage::shown).orElse(null);
        loadedTeamBudget = teamBudget;
        month = budgets.monthOf(Instant.now());
        users = new ArrayList<>();
        for (UserAccount user : accounts.listUsers()) {
            String scope = BudgetScope.user(user.getUsername());
            users.add(new UserBudget(user.getUsername(), budgets.limit(scope).map(PricesPage::shown).orElse(null),
                    budgets.spent(scope, month)));
        }
    }

    /** Both prices are checked before either is saved: a refused one leaves everything as it was. */
    public void savePrices() {
        boolean ok = save(PRICES_FORM, "price720p", () -> administration.checkPrice(Pricing.RES_720P, price720p,
                currency()));
        ok &= save(PRICES_FORM, "price1080p", () -> administration.checkPrice(Pricing.RES_1080P, price1080p,
                currency()));
        if (!ok) {
            return;
        }
        ok = save(PRICES_FORM, "price720p", () -> administration.setPrice(currentUser.name(),
                Faces.clientAddress(), Pricing.RES_720P, loaded720p, price720p, currency()));
        ok &= save(PRICES_FORM, "price1080p", () -> administration.setPrice(currentUser.name(),
                Faces.clientAddress(), Pricing.RES_1080P, loaded1080p, price1080p, currency()));
        if (ok) {
            Faces.info("Prices saved. They apply to the next quote; tasks already made keep their cost.");
        }
    }

    /** Every changed budget is checked before any is saved, as with the prices. */
    public void saveBudgets() {
        boolean teamChanged = !sameAmount(loadedTeamBudget, teamBudget);
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            if (!sameAmount(users.get(i).saved, users.get(i).limit)) {
                changed.add(i);
            }
        }
        boolean ok = !teamChanged || save(BUDGETS_FORM, "teamBudget",
                () -> administration.checkTeamBudget(teamBudget, currency()));
        for (int i : changed) {
            UserBudget row = users.get(i);
            ok &= save(BUDGETS_FORM, "users:" + i + ":limit",
                    () -> administration.checkUserBudget(row.username, row.limit, currency()));
        }
        if (!ok) {
            return;
        }
        if (teamChanged) {
            ok = save(BUDGETS_FORM, "teamBudget", () -> administration.setTeamBudget(currentUser.name(),
                    Faces.clientAddress(), teamBudget, currency()));
        }
        for (int i : changed) {
            UserBudget row = users.get(i);
            ok &= save(BUDGETS_FORM, "users:" + i + ":limit", () -> administration.setUserBudget(
                    currentUser.name(), Faces.clientAddress(), row.username, row.limit, currency()));
        }
        if (ok) {
            Faces.info("Budgets saved.");
        }
    }

    private interface Change {
        void run() throws SettingRefusedException;
    }

    private boolean save(String form, String component, Change change) {
        try {
            change.run();
            return true;
        } catch (SettingRefusedException e) {
            if (e.field() == null) {
                Faces.error(e.getMessage());
            } else {
                Faces.fieldError(form, component, e.getMessage());
            }
            FacesContext.getCurrentInstance().validationFailed();
            return false;
        }
    }

    /** "5.00" rather than the column's "5.0000" in an input. */
    private static BigDecimal shown(BigDecimal amount) {
        return new BigDecimal(Money.plain(amount));
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** "2.40 USD", or "—" for nothing. */
    public String money(BigDecimal amount) {
        return amount == null ? "—" : Money.format(amount, currency());
    }

    public String currency() {
        return pricing.currency();
    }

    public String getCurrency() {
        return pricing.currency();
    }

    public String getMonthName() {
        return month.displayName();
    }

    public BigDecimal getTeamSpent() {
        return budgets.spent(BudgetScope.TEAM, month);
    }

    public BigDecimal getDefault720p() {
        return pricing.defaultPerSecond(Pricing.RES_720P);
    }

    public BigDecimal getDefault1080p() {
        return pricing.defaultPerSecond(Pricing.RES_1080P);
    }

    public List<UserBudget> getUsers() {
        return users;
    }

    public BigDecimal getPrice720p() {
        return price720p;
    }

    public void setPrice720p(BigDecimal price720p) {
        this.price720p = price720p;
    }

    public BigDecimal getPrice1080p() {
        return price1080p;
    }

    public void setPrice1080p(BigDecimal price1080p) {
        this.price1080p = price1080p;
    }

    public BigDecimal getTeamBudget() {
        return teamBudget;
    }

    public void setTeamBudget(BigDecimal teamBudget) {
        this.teamBudget = teamBudget;
    }
}
