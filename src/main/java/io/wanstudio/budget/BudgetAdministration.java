package io.wanstudio.budget;

import io.wanstudio.account.AccountStore;
import io.wanstudio.account.AuditEventType;
import io.wanstudio.account.AuditLog;
import io.wanstudio.account.Usernames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Objects;

/**
 * The admin's changes to prices and budgets. Every one takes the acting admin's name and checks it (the page is
 * admin-only as well), is validated, and is audited with the value before and after.
 */
@ApplicationScoped
public class BudgetAdministration {
    static final BigDecimal MAX_PRICE = new BigDecimal("100");
    static final BigDecimal MAX_BUDGET = new BigDecimal("1000000");
    private static final int MAX_SCALE = 4;

    @Inject
    AccountStore accounts;

    @Inject
    AuditLog audit;

    @Inject
    PriceBook prices;

    @Inject
    Budgets budgets;

    private final Clock clock = Clock.systemUTC();

    /**
     * Sets the per-second price of a resolution ("720P" or "1080P"); tasks already made keep their quote.
     * {@code previous} is the price the admin saw (for the audit); setting the same price again changes nothing.
     */
    public void setPrice(String admin, String clientAddress, String resolution, BigDecimal previous,
            BigDecimal perSecond, String currency) throws SettingRefusedException {
        requireAdmin(admin);
        checkPrice(resolution, perSecond, currency);
        if (previous != null && previous.compareTo(perSecond) == 0) {
            return;
        }
        BigDecimal stored = prices.stored().get(resolution);
        if (previous != null && stored != null && stored.compareTo(previous) != 0) {
            // the admin's form is older than the price: saving would silently undo another admin's change
            throw new SettingRefusedException(resolution, "The " + resolution + " price was changed by another "
                    + "admin meanwhile (it is now " + Money.format(stored, currency) + "); nothing was saved. "
                    + "Reload the page to see its current state.");
        }
        try {
            prices.save(resolution, perSecond, admin, clock.instant());
        } catch (RuntimeException e) {
            throw lostRace(e, resolution, "the " + resolution + " price");
        } finally {
            prices.invalidate();
        }
        audit.record(admin, clientAddress, AuditEventType.PRICE_CHANGED, resolution + ": "
                + (previous == null ? "?" : Money.plain(previous)) + " → " + Money.format(perSecond, currency)
                + " per second");
    }

    /**
     * Refuses a price that {@link #setPrice} would refuse, saving nothing: a page that changes several settings
     * checks them all first, so that one bad field does not leave the others half saved.
     */
    public void checkPrice(String resolution, BigDecimal perSecond, String currency) throws SettingRefusedException {
        if (!"720P".equals(resolution) && !"1080P".equals(resolution)) {
            throw new SettingRefusedException(resolution, "There is no price for " + resolution + ".");
        }
        if (perSecond == null || perSecond.signum() <= 0) {
            throw new SettingRefusedException(resolution, "Enter a price above 0, such as 0.05.");
        }
        if (perSecond.compareTo(MAX_PRICE) > 0) {
            throw new SettingRefusedException(resolution, "Enter at most " + Money.format(MAX_PRICE, currency)
                    + " per second.");
        }
        if (perSecond.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new SettingRefusedException(resolution, "Use at most " + MAX_SCALE + " decimals.");
        }
    }

    /** Sets (or, with null, removes) a user's monthly budget. */
    public void setUserBudget(String admin, String clientAddress, String username, BigDecimal limit,
            String currency) throws SettingRefusedException {
        requireAdmin(admin);
        String name = checkUserBudget(username, limit, currency);
        setLimit(admin, clientAddress, BudgetScope.user(name), name, limit, currency);
    }

    /** Refuses a user's budget that {@link #setUserBudget} would refuse; returns the normalized username. */
    public String checkUserBudget(String username, BigDecimal limit, String currency)
            throws SettingRefusedException {
        String name = Usernames.normalize(username);
        if (accounts.findUser(name).isEmpty()) {
            throw new SettingRefusedException(name, "There is no such user.");
        }
        checkLimit(BudgetScope.user(name), name, limit, currency);
        return name;
    }

    /** Sets (or, with null, removes) the team's monthly budget. */
    public void setTeamBudget(String admin, String clientAddress, BigDecimal limit, String currency)
            throws SettingRefusedException {
        requireAdmin(admin);
        checkTeamBudget(limit, currency);
        setLimit(admin, clientAddress, BudgetScope.TEAM, BudgetScope.TEAM, limit, currency);
    }

    /** Refuses a team budget that {@link #setTeamBudget} would refuse. */
    public void checkTeamBudget(BigDecimal limit, String currency) throws SettingRefusedException {
        checkLimit(BudgetScope.TEAM, BudgetScope.TEAM, limit, currency);
    }

    private void checkLimit(String scope, String field, BigDecimal limit, String currency)
            throws SettingRefusedException {
        if (limit == null) {
            return;
        }
        if (limit.signum() < 0) {
            throw new SettingRefusedException(field, "A budget cannot be negative: enter 0 or more, or leave it "
                    + "empty for no limit.");
        }
        if (limit.compareTo(MAX_BUDGET) > 0) {
            throw new SettingRefusedException(field, "Enter at most " + Money.format(MAX_BUDGET, currency)
                    + " per month, or leave it empty for no limit.");
        }
        if (limit.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new SettingRefusedException(field, "Use at most " + MAX_SCALE + " decimals.");
        }
        // A limit below what is already reserved could never be met this month; the admin who wants to stop all
        // further videos sets exactly what was spent.
        BudgetMonth month = budgets.monthOf(clock.instant());
        BigDecimal spent = budgets.spent(scope, month);
        if (limit.compareTo(spent) < 0) {
            throw new SettingRefusedException(field, Money.format(spent, currency) + " was already spent in "
                    + month.displayName() + ": enter at least that, or leave it empty for no limit.");
        }
    }

    private void setLimit(String admin, String clientAddress, String scope, String field, BigDecimal limit,
            String currency) throws SettingRefusedException {
        BigDecimal previous = budgets.limit(scope).orElse(null);
        if (Objects.equals(previous == null ? null : previous.stripTrailingZeros(),
                limit == null ? null : limit.stripTrailingZeros())) {
            return;
        }
        try {
            budgets.setLimit(scope, limit, admin, clock.instant());
        } catch (RuntimeException e) {
            throw lostRace(e, field, BudgetScope.isTeam(scope) ? "the team's budget" : field + "'s budget");
        }
        String who = BudgetScope.isTeam(scope) ? "team" : field;
        audit.record(BudgetScope.isTeam(scope) ? admin : field, clientAddress, AuditEventType.BUDGET_CHANGED,
                who + " monthly budget: " + describe(previous, currency) + " → " + describe(limit, currency)
                        + " by " + admin);
    }

    /**
     * Two admins saving the same setting at the same moment: the database lets one commit (the row is replaced by
     * delete and insert, so the other meets a lock or a duplicate key). The loser is told, never shown an error.
     */
    private static SettingRefusedException lostRace(RuntimeException e, String field, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof jakarta.transaction.RollbackException) {
                return new SettingRefusedException(field, "Another admin changed " + what + " at the same moment; "
                        + "nothing was saved. Reload the page to see its current state.");
            }
        }
        throw e;
    }

    private static String describe(BigDecimal limit, String currency) {
        return limit == null ? "unlimited" : Money.format(limit, currency);
    }

    private void requireAdmin(String admin) throws SettingRefusedException {
        if (!accounts.isActiveAdmin(admin)) {
            throw new SettingRefusedException(null, "Only an admin can do this.");
        }
    }
}
