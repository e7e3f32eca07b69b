package io.wanstudio.admin;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.gallery.FilterChoices;
import io.wanstudio.gallery.GalleryCursor;
import io.wanstudio.gallery.GalleryPage;
import io.wanstudio.gallery.GalleryQuery;
import io.wanstudio.gallery.GalleryService;
import io.wanstudio.gallery.TaskCard;
import io.wanstudio.platform.faces.Faces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin's team history ({@code admin/history.xhtml}): every user's tasks with the gallery's filters plus a
 * user filter, one keyset page at a time, each tile opening the task's detail page (where a task in review is
 * resolved). Read-only: a GET page whose filters live in the URL.
 */
@Named
@RequestScoped
public class TeamHistoryPage {
    static final int PAGE_SIZE = 24;

    @Inject
    CurrentUser currentUser;

    @Inject
    GalleryService gallery;

    private String user;
    private String state;
    private String mode;
    private String resolution;
    private String from;
    private String to;
    private String q;
    private String sort;
    private String after;

    private List<Tile> tiles = List.of();
    private String nextCursor;

    /** A task as the history shows it: its card and whose it is. */
    public record Tile(TaskCard card, String owner) {
    }

    /** View action: the page the URL asks for. */
    public void load() {
        GalleryQuery query = GalleryQuery.fromUrl(state, mode, resolution, from, to, false, null, q, sort, after);
        try {
            GalleryPage page = gallery.teamPage(currentUser.name(), user, query, PAGE_SIZE);
            tiles = page.items().stream().map(t -> new Tile(TaskCard.of(t), t.getOwner())).toList();
            nextCursor = page.nextCursor();
        } catch (GalleryCursor.InvalidCursorException e) {
            Faces.error("That page link is not valid (it may be from another sort order); showing the first page.");
            after = null;
            load();
        }
    }

    /** This page with the same filters, from the given cursor (null: the first page). */
    private String pageUrl(String cursor) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", user);
        params.put("q", q);
        params.put("state", state);
        params.put("mode", mode);
        params.put("resolution", resolution);
        params.put("from", from);
        params.put("to", to);
        params.put("sort", sort);
        params.put("after", cursor);
        return FilterChoices.url("/admin/history.xhtml", params);
    }

    public String getNextUrl() {
        return nextCursor == null ? null : pageUrl(nextCursor);
    }

    public String getFirstUrl() {
        return after == null ? null : pageUrl(null);
    }

    public List<SelectItem> getStateChoices() {
        return FilterChoices.states();
    }

    public List<SelectItem> getModeChoices() {
        return FilterChoices.modes();
    }

    public List<SelectItem> getSortChoices() {
        return FilterChoices.sorts();
    }

    public List<Tile> getTiles() {
        return tiles;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getResolution() {
        return resolution;
    }

    public void setResolution(String resolution) {
        this.resolution = resolution;
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

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public String getAfter() {
        return after;
    }

    public void setAfter(String after) {
        this.after = after;
    }
}
