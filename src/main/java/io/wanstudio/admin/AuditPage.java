package io.wanstudio.admin;

import io.wanstudio.account.AuditEvent;
import io.wanstudio.account.AuditEventType;
import io.wanstudio.account.AuditLog;
import io.wanstudio.account.CurrentUser;
import io.wanstudio.gallery.FilterChoices;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit log page ({@code /admin/audit.xhtml}): sign-ins, account and admin actions, newest first, filtered by
 * account, kind and days (UTC) given in the URL, a keyset page at a time.
 */
@Named
@RequestScoped
public class AuditPage {
    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    private String user;
    private String type;
    private String from;
    private String to;
    private String before;
    private List<AuditEvent> events = List.of();
    private boolean more;

    /** View action: admins only (the container's constraint says so too). */
    public void load() throws IOException {
        if (!currentUser.isAdmin()) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(403, "Admins only");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        AuditEventType kind = Arrays.stream(AuditEventType.values()).filter(t -> t.name().equals(type)).findFirst()
                .orElse(null);
        LocalDate first = FilterChoices.day(from);
        LocalDate last = FilterChoices.day(to);
        Long beforeId = before != null && before.matches("\\d{1,18}") ? Long.valueOf(before) : null;
        List<AuditEvent> found = audit.search(blankToNull(user), kind,
                first == null ? null : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last == null ? null : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), beforeId,
                PAGE_SIZE + 1);
        more = found.size() > PAGE_SIZE;
        events = more ? found.subList(0, PAGE_SIZE) : found;
    }

    /** The next (older) page with the same filters; null on the last page. */
    public String getOlderUrl() {
        if (!more || events.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", user);
        params.put("type", type);
        params.put("from", from);
        params.put("to", to);
        params.put("before", String.valueOf(events.get(events.size() - 1).getId()));
        return FilterChoices.url("/admin/audit.xhtml", params);
    }

    public String when(AuditEvent event) {
        return WHEN.format(event.getAt());
    }

    public List<AuditEvent> getEvents() {
        return events;
    }

    public List<AuditEventType> getTypes() {
        return List.of(AuditEventType.values());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getBefore() {
        return before;
    }

    public void setBefore(String before) {
        this.before = before;
    }
}
