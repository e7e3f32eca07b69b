package io.wanstudio.gallery;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.board.ReviewBoard;
import io.wanstudio.board.Verdict;
import io.wanstudio.platform.faces.Faces;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gallery page ({@code gallery.xhtml}): the owner's videos, newest first, filtered by what the URL says (so a
 * view can be bookmarked and the back button works), one keyset page at a time. Favourites, tags and bulk
 * actions post back here and return to the same URL.
 */
@Named
@ViewScoped
public class GalleryView implements Serializable {
    static final int PAGE_SIZE = 24;
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    GalleryService gallery;

    @Inject
    ReviewBoard board;

    // the URL's parameters, as given (bad ones are ignored with a notice, never a 500)
    private String state;
    private String mode;
    private String resolution;
    private String from;
    private String to;
    private boolean favourites;
    private String tag;
    private String q;
    private String sort;
    private String after;

    private ArrayList<TaskCard> cards = new ArrayList<>();
    private String nextCursor;
    private List<TagCount> tags = List.of();
    private String newTag;
    /** Where the page's tasks stand on the review board (an admin's verdict the owner should see at a glance). */
    private HashMap<Long, Verdict> verdicts = new HashMap<>();
    private boolean confirmingDelete;
    private ArrayList<Long> pendingDelete = new ArrayList<>();

    /** View action: the page of videos the URL asks for. */
    public void load() {
        if (FacesContext.getCurrentInstance().isPostback()) {
            return;
        }
        reload();
    }

    private void reload() {
        GalleryQuery query = query();
        try {
            GalleryPage page = gallery.page(currentUser.name(), query, PAGE_SIZE);
            cards = page.items().stream().map(TaskCard::withTags).collect(Collectors.toCollection(ArrayList::new));
            nextCursor = page.nextCursor();
            verdicts = new HashMap<>(board.verdicts(currentUser.name(), cards.stream().map(TaskCard::getId).toList()));
        } catch (GalleryCursor.InvalidCursorException e) {
            Faces.error("That page link is not valid (it may be from another sort order); showing the first page.");
            after = null;
            reload();
            return;
        }
        tags = gallery.tagsOf(currentUser.name());
    }

    private GalleryQuery query() {
        return GalleryQuery.fromUrl(state, mode, resolution, from, to, favourites, tag, q, sort, after);
    }

    // ---- actions (post back, then the same URL again) ----

    public void toggleFavourite(long id) {
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).getId() == id) {
                int index = i;
                gallery.setFavourite(currentUser.name(), id, !cards.get(i).isFavourite())
                        .ifPresent(task -> cards.set(index, TaskCard.withTags(task)));
                return;
            }
        }
    }

    /** "Add tag" on the selected videos. */
    public void tagSelected() throws IOException {
        List<Long> ids = selected();
        if (ids.isEmpty()) {
            Faces.error("Select one or more videos first.");
            return;
        }
        try {
            gallery.addTag(currentUser.name(), ids, newTag);
            Faces.info("Tagged " + count(ids.size()) + " “" + newTag.strip().toLowerCase() + "”.");
            Faces.redirect(pageUrl(after));
        } catch (Tags.InvalidTagException e) {
            Faces.fieldError("bulk", "newTag", e.getMessage());
        }
    }

    public void removeTag(long id, String tagName) throws IOException {
        gallery.removeTag(currentUser.name(), id, tagName);
        Faces.redirect(pageUrl(after));
    }

    /** First click: asks once, naming how many. */
    public void askDelete() {
        pendingDelete = new ArrayList<>(selected());
        confirmingDelete = !pendingDelete.isEmpty();
        if (!confirmingDelete) {
            Faces.error("Select one or more videos first.");
        }
    }

    public void cancelDelete() {
        confirmingDelete = false;
        pendingDelete = new ArrayList<>();
    }

    public void delete() throws IOException {
        confirmingDelete = false;
        try {
            int deleted = gallery.delete(currentUser.name(), pendingDelete);
            Faces.info("Deleted " + count(deleted) + ", with their files.");
            Faces.redirect(pageUrl(null));
        } catch (TaskBusyException e) {
            Faces.error(e.getMessage());
        }
        pendingDelete = new ArrayList<>();
    }

    /** Ajax, on a push about a task this page shows: that card again, in place. */
    public void refreshTask() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("taskId");
        if (id == null || !id.matches("\\d{1,18}")) {
            return;
        }
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).getId() == Long.parseLong(id)) {
                int index = i;
                gallery.find(currentUser.name(), cards.get(i).getId())
                        .ifPresent(task -> cards.set(index, TaskCard.withTags(task)));
                return;
            }
        }
    }

    /** Ajax, on a push about a task this page does not show (a new one): the first page shows it. */
    public void refreshTasks() {
        if (after == null) {
            reload();
        }
    }

    private List<Long> selected() {
        String[] values = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterValuesMap()
                .getOrDefault("id", new String[0]);
        return Arrays.stream(values).filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf).distinct().toList();
    }

    private static String count(int n) {
        return n == 1 ? "1 video" : n + " videos";
    }

    // ---- links ----

    /** This page with the same filters, from the given cursor (null: the first page). */
    public String pageUrl(String cursor) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("state", state);
        params.put("mode", mode);
        params.put("resolution", resolution);
        params.put("from", from);
        params.put("to", to);
        params.put("favourites", favourites ? "true" : null);
        params.put("tag", tag);
        params.put("sort", sort);
        params.put("after", cursor);
        return FilterChoices.url("/gallery.xhtml", params);
    }

    public String getNextUrl() {
        return nextCursor == null ? null : pageUrl(nextCursor);
    }

    public String getFirstUrl() {
        return after == null ? null : pageUrl(null);
    }

    /** A tag's filter link, the other filters kept. */
    public String tagUrl(String tagName) {
        String kept = tag;
        tag = tagName;
        String url = pageUrl(null);
        tag = kept;
        return url;
    }

    public boolean isFiltered() {
        return Optional.ofNullable(state).or(() -> Optional.ofNullable(mode))
                .or(() -> Optional.ofNullable(resolution)).or(() -> Optional.ofNullable(from))
                .or(() -> Optional.ofNullable(to)).or(() -> Optional.ofNullable(tag)).or(() -> Optional.ofNullable(q))
                .filter(v -> !v.isBlank()).isPresent() || favourites;
    }

    // ---- choices for the filter form ----

    public List<SelectItem> getStateChoices() {
        return FilterChoices.states();
    }

    public List<SelectItem> getModeChoices() {
        return FilterChoices.modes();
    }

    public List<SelectItem> getSortChoices() {
        return FilterChoices.sorts();
    }

    public List<TaskCard> getCards() {
        return cards;
    }

    /** The task's verdict on the review board; null when it is not on the board. */
    public Verdict verdictOf(long id) {
        return verdicts.get(id);
    }

    public List<TagCount> getTags() {
        return tags;
    }

    public boolean isConfirmingDelete() {
        return confirmingDelete;
    }

    public int getPendingDeleteCount() {
        return pendingDelete.size();
    }

    public String getPendingDeleteIds() {
        return pendingDelete.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public String getPushUser() {
        return currentUser.name();
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

    public boolean isFavourites() {
        return favourites;
    }

    public void setFavourites(boolean favourites) {
        this.favourites = favourites;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
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

    public String getNewTag() {
        return newTag;
    }

    public void setNewTag(String newTag) {
        this.newTag = newTag;
    }
}
