package io.wanstudio.admin;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.board.ApprovalCosts;
import io.wanstudio.board.BoardEntry;
import io.wanstudio.board.BoardRefusedException;
import io.wanstudio.board.BoardStore;
import io.wanstudio.board.ReviewBoard;
import io.wanstudio.board.Verdict;
import io.wanstudio.gallery.FilterChoices;
import io.wanstudio.gallery.TaskCard;
import io.wanstudio.generation.Pricing;
import io.wanstudio.platform.faces.Faces;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The team's review board ({@code admin/board.xhtml?show=awaiting&user=&month=}): results put forward, each with
 * its video, approve or reject with a comment; below, what an approved second cost per user and per month. The
 * rows stay in the view so that each row's comment box posts back into its own row.
 */
@Named
@ViewScoped
public class BoardPage implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_ROWS = 60;

    @Inject
    CurrentUser currentUser;

    @Inject
    ReviewBoard board;

    @Inject
    BoardStore entries;

    @Inject
    ApprovalCosts costs;

    @Inject
    Pricing pricing;

    private String show;
    private String user;
    private String month;

    private List<Row> rows = List.of();
    private Map<Verdict, Long> counts = Map.of();
    private ApprovalCosts.Report byUser;
    private ApprovalCosts.Report byMonth;
    private final HashMap<Long, String> comments = new HashMap<>();
    private final HashMap<Long, String> problems = new HashMap<>();

    /** A result on the board as the page shows it; {@code version} is what a decision is taken on. */
    public record Row(TaskCard card, String owner, Verdict verdict, String shortlistedBy, Instant shortlistedAt,
            String decidedBy, Instant decidedAt, String comment, long version) implements Serializable {
        public String verdictLabel() {
            return verdict.label();
        }

        public boolean awaiting() {
            return verdict == Verdict.SHORTLISTED;
        }
    }

    /** View action (not on postbacks): the board the URL asks for. */
    public void load() throws IOException {
        if (!currentUser.isAdmin()) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(403, "Admins only");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        String owner = user == null || user.isBlank() ? null : user.strip();
        rows = entries.list(verdictShown(), owner, MAX_ROWS).stream().map(BoardPage::row).toList();
        comments.clear();
        rows.forEach(r -> comments.put(r.card().getId(), r.comment()));
        counts = entries.counts(owner);
        YearMonth shownMonth = SpendPage.parse(month);
        byUser = costs.byUser(shownMonth);
        byMonth = costs.byMonth(YearMonth.now(ZoneOffset.UTC), SpendReport.MONTHS);
    }

    private static Row row(BoardStore.Item item) {
        BoardEntry e = item.entry();
        return new Row(TaskCard.of(item.task()), e.getOwner(), e.getVerdict(), e.getShortlistedBy(),
                e.getShortlistedAt(), e.getDecidedBy(), e.getDecidedAt(), e.getComment(), e.getVersion());
    }

    /** {@code show=}: awaiting (the default), approved, rejected or all. */
    private Verdict verdictShown() {
        return switch (show == null ? "" : show) {
            case "approved" -> Verdict.APPROVED;
            case "rejected" -> Verdict.REJECTED;
            case "all" -> null;
            default -> Verdict.SHORTLISTED;
        };
    }

    // ---- actions: on success back to the same board by GET (a refresh cannot post again) ----

    public void approve(long taskId, long version) throws IOException {
        decide(taskId, version, Verdict.APPROVED);
    }

    public void reject(long taskId, long version) throws IOException {
        decide(taskId, version, Verdict.REJECTED);
    }

    private void decide(long taskId, long version, Verdict verdict) throws IOException {
        try {
            board.decide(currentUser.name(), Faces.clientAddress(), taskId, verdict, comments.get(taskId), version);
            Faces.info("Task #" + taskId + " " + verdict.label().toLowerCase(Locale.ROOT) + ".");
            Faces.redirect(url());
        } catch (BoardRefusedException e) {
            problems.put(taskId, e.getMessage());
        }
    }

    public void withdraw(long taskId, long version) throws IOException {
        try {
            board.withdraw(currentUser.name(), Faces.clientAddress(), taskId, version);
            Faces.info("Task #" + taskId + " is off the board.");
            Faces.redirect(url());
        } catch (BoardRefusedException e) {
            problems.put(taskId, e.getMessage());
        }
    }

    /** This board with the same filters. */
    private String url() {
        return tabUrl(show);
    }

    /** A tab's link: the same user and month, another verdict. */
    public String tabUrl(String tab) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("show", tab);
        params.put("user", user);
        params.put("month", month);
        return FilterChoices.url("/admin/board.xhtml", params);
    }

    public String getTab() {
        Verdict v = verdictShown();
        return v == null ? "all" : switch (v) {
            case SHORTLISTED -> "awaiting";
            case APPROVED -> "approved";
            case REJECTED -> "rejected";
        };
    }

    public long count(String verdict) {
        return "all".equals(verdict) ? counts.values().stream().mapToLong(Long::longValue).sum()
                : counts.getOrDefault(Verdict.valueOf(verdict), 0L);
    }

    public String getShownMonth() {
        return SpendPage.parse(month).toString();
    }

    public String getPreviousMonth() {
        return SpendPage.parse(month).minusMonths(1).toString();
    }

    public String getNextMonth() {
        return SpendPage.parse(month).plusMonths(1).toString();
    }

    public String getCurrency() {
        return pricing.currency();
    }

    public boolean isFull() {
        return rows.size() >= MAX_ROWS;
    }

    public List<Row> getRows() {
        return rows;
    }

    public Map<Long, String> getComments() {
        return comments;
    }

    public Map<Long, String> getProblems() {
        return problems;
    }

    public ApprovalCosts.Report getByUser() {
        return byUser;
    }

    public ApprovalCosts.Report getByMonth() {
        return byMonth;
    }

    public String getShow() {
        return show;
    }

    public void setShow(String show) {
        this.show = show;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getMonth() {
        return month;
    }

    public void setMonth(String month) {
        this.month = month;
    }
}
