package io.wanstudio.studio;

import io.wanstudio.gallery.GalleryCursor;
import io.wanstudio.gallery.GalleryQuery;
import io.wanstudio.gallery.GalleryService;
import io.wanstudio.gallery.TaskCard;
import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationService;
import io.wanstudio.platform.ProviderMode;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The studio page's live list of the user's tasks, kept current by pushes from {@link TaskPush} (the create
 * wizard beside it is {@link CreateWizard}).
 */
@Named
@ViewScoped
public class StudioPage implements Serializable {
    private static final int LISTED_TASKS = 50;
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    GenerationService generations;

    @Inject
    ProviderMode providerMode;

    @Inject
    GalleryService gallery;

    private ArrayList<TaskCard> tasks = new ArrayList<>();

    @PostConstruct
    void init() {
        refreshTasks();
    }

    /** Ajax, on a push about a task this page does not show yet (or after the socket reconnected). */
    public void refreshTasks() {
        try {
            tasks = new ArrayList<>(gallery.page(currentUser.name(), GalleryQuery.all(), LISTED_TASKS).items().stream()
                    .map(TaskCard::of).toList());
        } catch (GalleryCursor.InvalidCursorException e) {
            throw new IllegalStateException("The first page has no cursor", e);
        }
    }

    /**
     * Ajax, on a push about a task the page shows: replaces just that card in place, so the card's position (and
     * so its client id, which the page re-renders) stays the same, and videos elsewhere keep playing.
     */
    public void refreshTask() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("taskId");
        if (id == null || !id.matches("\\d{1,18}")) {
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).getId() == Long.parseLong(id)) {
                int index = i;
                generations.find(currentUser.name(), Long.parseLong(id))
                        .ifPresent(task -> tasks.set(index, TaskCard.of(task)));
                return;
            }
        }
    }

    public List<TaskCard> getTasks() {
        return tasks;
    }

    /** The websocket's user: pushes go to the owner's pages only. */
    public String getPushUser() {
        return currentUser.name();
    }

    /** True when the built-in simulator plays the provider: nothing is paid for. */
    public boolean isSimulated() {
        return !providerMode.usesRealKey();
    }
}
