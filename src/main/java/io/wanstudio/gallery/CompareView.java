package io.wanstudio.gallery;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.generation.GenerationService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The compare page ({@code compare.xhtml?id=1&id=2…}): two to four of the owner's videos side by side. */
@Named
@ViewScoped
public class CompareView implements Serializable {
    static final int MAX = 4;
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser currentUser;

    @Inject
    GenerationService generations;

    private ArrayList<TaskCard> cards = new ArrayList<>();

    /** View action: the playable videos among the ids (others' and unknown ids are left out). */
    public void load() {
        String[] ids = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterValuesMap()
                .getOrDefault("id", new String[0]);
        Arrays.stream(ids).filter(id -> id.matches("\\d{1,18}")).map(Long::valueOf).distinct().limit(MAX)
                .forEach(id -> generations.find(currentUser.name(), id).map(TaskCard::of)
                        .filter(TaskCard::isPlayable).ifPresent(cards::add));
    }

    public List<TaskCard> getCards() {
        return cards;
    }

    /** Comparing needs two videos at least. */
    public boolean isEnough() {
        return cards.size() >= 2;
    }
}
