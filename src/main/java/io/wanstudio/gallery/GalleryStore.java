package io.wanstudio.gallery;

import io.wanstudio.generation.DeletedTaskSpend;
import io.wanstudio.generation.GenerationTask;
import io.wanstudio.generation.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gallery's reads and writes of tasks. Queries are JPQL put together from the fixed fragments below (user
 * input only ever travels as parameters), and always filter by owner. Pages are keyset queries: the rows after
 * the cursor's (key, id) in the sort's order, never an OFFSET, so a deep page costs what the first does (the
 * indexes are in V5__gallery_indexes.sql, checked by GalleryIndexesTest).
 * Public methods because Payara applies {@code @Transactional} to public methods only.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRED)
public class GalleryStore {
    /** States in which the provider may still deliver (and charge for) a video: such a task is never deleted. */
    static final Set<TaskState> RUNNING = GalleryQuery.StateGroup.RUNNING.states();
    private static final Set<TaskState> DELETABLE = EnumSet.complementOf(EnumSet.copyOf(RUNNING));
    private static final char LIKE_ESCAPE = '!';

    @PersistenceContext(unitName = "wan")
    EntityManager em;

    /**
     * Ids and sort keys of the owner's tasks that match the query, after {@code after} (null: from the start), in
     * the sort's order, at most {@code max}.
     */
    public List<Object[]> keys(String owner, GalleryQuery query, GalleryCursor after, int max) {
        return keys(Objects.requireNonNull(owner), query, after, max, true);
    }

    /**
     * As {@link #keys(String, GalleryQuery, GalleryCursor, int)} over every owner's tasks: the admin's team
     * history. Only the admin path calls it; the caller has checked the role.
     */
    public List<Object[]> keysOfAllOwners(GalleryQuery query, GalleryCursor after, int max) {
        return keys(null, query, after, max, false);
    }

    private List<Object[]> keys(String owner, GalleryQuery query, GalleryCursor after, int max, boolean oneOwner) {
        String key = attribute(query.sort().key());
        String direction = query.sort().descending() ? " DESC" : " ASC";
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder jpql = new StringBuilder("SELECT t.id, t.").append(key)
                .append(" FROM GenerationTask t WHERE ").append(oneOwner ? "t.owner = :owner" : "1 = 1");
        if (oneOwner) {
            parameters.put("owner", owner);
        }
        boolean oneState = query.states().size() == 1;
        if (oneState) {
            jpql.append(" AND t.state = :state");
            parameters.put("state", query.states().iterator().next());
        } else if (!query.states().isEmpty()) {
            jpql.append(" AND t.state IN :states");
            parameters.put("states", query.states());
        }
        if (query.mode() != null) {
            jpql.append(modeFragment(query.mode()));
        }
        if (query.resolution() != null) {
            jpql.append(" AND t.resolution = :resolution");
            parameters.put("resolution", query.resolution());
        }
        if (query.from() != null) {
            jpql.append(" AND t.createdAt >= :from");
            parameters.put("from", query.from().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (query.to() != null) {
            jpql.append(" AND t.createdAt < :before");
            parameters.put("before", query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (query.favouritesOnly()) {
            jpql.append(" AND t.favourite = TRUE");
        }
        if (query.tag() != null) {
            jpql.append(" AND :tag MEMBER OF t.tags");
            parameters.put("tag", query.tag());
        }
        if (query.text() != null) {
            jpql.append(" AND (LOWER(t.prompt) LIKE :text ESCAPE '" + LIKE_ESCAPE + "' OR LOWER(t.negativePrompt)"
                    + " LIKE :text ESCAPE '" + LIKE_ESCAPE + "')");
            parameters.put("text", "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
        }
        // The columns fixed by equality lead the ORDER BY too: only then does H2 see that the index
        // (owner[, state | favourite], key, id) is already in this order and stop after max rows.
        // Across owners the order is just (key, id), the cursor's own order.
        jpql.append(" ORDER BY ");
        if (oneOwner) {
            jpql.append("t.owner").append(direction).append(", ");
            if (oneState) {
                jpql.append("t.state").append(direction).append(", ");
            } else if (query.favouritesOnly() && query.sort().key() == GalleryQuery.Sort.Key.CREATED) {
                jpql.append("t.favourite").append(direction).append(", ");
            }
        }
        jpql.append("t.").append(key).append(direction).append(", t.id").append(direction);
        String where = jpql.substring(0, jpql.indexOf(" ORDER BY "));
        String orderBy = jpql.substring(jpql.indexOf(" ORDER BY "));
        if (after == null) {
            return run(where + orderBy, parameters, max);
        }
        // After (key, id) in two index ranges, each starting exactly at the cursor: the rest of the cursor's key
        // (same key, further id), then the keys from the next possible value on. H2 starts an index range at the
        // key itself for a row-value, OR or strict condition and then skips the rows equal to it, so with many
        // ties (durations, prices) one query would scan the whole tie group: the sort keys are discrete, so
        // "beyond k" is written as "from the value next to k" (inclusive).
        boolean descending = query.sort().descending();
        Map<String, Object> sameKey = new HashMap<>(parameters);
        sameKey.put("key", after.key());
        sameKey.put("id", after.id());
        List<Object[]> rows = new ArrayList<>(run(where + " AND t." + key + " = :key AND t.id"
                + (descending ? " < " : " > ") + ":id" + orderBy, sameKey, max));
        if (rows.size() < max) {
            parameters.put("next", after.nextKey());
            rows.addAll(run(where + " AND t." + key + (descending ? " <= " : " >= ") + ":next" + orderBy,
                    parameters, max - rows.size()));
        }
        return rows;
    }

    private List<Object[]> run(String jpql, Map<String, Object> parameters, int max) {
        TypedQuery<Object[]> select = em.createQuery(jpql, Object[].class);
        parameters.forEach(select::setParameter);
        return select.setMaxResults(max).getResultList();
    }

    /** The tasks with these ids, each with its tags, in one query; in the order of {@code ids}. */
    public List<GenerationTask> withTags(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, GenerationTask> byId = em.createQuery("SELECT DISTINCT t FROM GenerationTask t "
                + "LEFT JOIN FETCH t.tags WHERE t.id IN :ids", GenerationTask.class).setParameter("ids", ids)
                .getResultStream().collect(Collectors.toMap(GenerationTask::getId, Function.identity(), (a, b) -> a));
        return ids.stream().map(byId::get).filter(task -> task != null).toList();
    }

    /** The owner's task with its tags; another user's task is not found. */
    public Optional<GenerationTask> find(String owner, long id) {
        return em.createQuery("SELECT DISTINCT t FROM GenerationTask t LEFT JOIN FETCH t.tags "
                + "WHERE t.id = :id AND t.owner = :owner", GenerationTask.class).setParameter("id", id)
                .setParameter("owner", owner).getResultStream().findFirst();
    }

    public List<TagCount> tagCounts(String owner) {
        return em.createQuery("SELECT g, COUNT(t.id) FROM GenerationTask t JOIN t.tags g WHERE t.owner = :owner "
                + "GROUP BY g ORDER BY g", Object[].class).setParameter("owner", owner).getResultStream()
                .map(row -> new TagCount((String) row[0], ((Number) row[1]).longValue())).toList();
    }

    public Optional<GenerationTask> setFavourite(String owner, long id, boolean favourite, Instant now) {
        Optional<GenerationTask> task = find(owner, id);
        task.ifPresent(t -> t.markFavourite(favourite, now));
        return task;
    }

    /** Tags those of {@code ids} that are the owner's; returns their ids. */
    public List<Long> addTag(String owner, Collection<Long> ids, String tag) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<GenerationTask> tasks = em.createQuery("SELECT DISTINCT t FROM GenerationTask t LEFT JOIN FETCH t.tags"
                + " WHERE t.owner = :owner AND t.id IN :ids", GenerationTask.class).setParameter("owner", owner)
                .setParameter("ids", ids).getResultList();
        tasks.forEach(task -> task.tag(tag));
        return tasks.stream().map(GenerationTask::getId).toList();
    }

    public Optional<GenerationTask> removeTag(String owner, long id, String tag) {
        Optional<GenerationTask> task = find(owner, id);
        task.ifPresent(t -> t.untag(tag));
        return task;
    }

    /**
     * Deletes those of {@code ids} that are the owner's, in one transaction of its own (committed on return, so
     * the caller can remove files after). Their tags go with them (by foreign key) and their children lose the
     * link to them. Returns the deleted tasks, to find their files.
     *
     * @throws TaskBusyException some are still running (or started running again meanwhile): none is deleted
     */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = TaskBusyException.class)
    public List<GenerationTask> delete(String owner, Collection<Long> ids) throws TaskBusyException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<GenerationTask> tasks = em.createQuery("SELECT t FROM GenerationTask t WHERE t.owner = :owner"
                + " AND t.id IN :ids ORDER BY t.id", GenerationTask.class).setParameter("owner", owner)
                .setParameter("ids", ids).getResultList();
        List<Long> running = tasks.stream().filter(t -> RUNNING.contains(t.getState())).map(GenerationTask::getId)
                .toList();
        if (!running.isEmpty()) {
            throw new TaskBusyException(running);
        }
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<Long> found = tasks.stream().map(GenerationTask::getId).toList();
        Instant now = Instant.now();
        tasks.forEach(t -> em.persist(DeletedTaskSpend.of(t, now))); // the spend stays in the reports
        // The foreign key unlinks the children too, but behind the back of the persistence cache, which would
        // keep showing the deleted parent: a bulk update, as JPQL, updates the cache as well.
        em.createQuery("UPDATE GenerationTask t SET t.parentTaskId = NULL WHERE t.parentTaskId IN :ids")
                .setParameter("ids", found).executeUpdate();
        // Conditional on the state: a task put back to work in the meantime (a reviewed one) stays.
        int deleted = em.createQuery("DELETE FROM GenerationTask t WHERE t.owner = :owner AND t.id IN :ids"
                + " AND t.state IN :deletable").setParameter("owner", owner).setParameter("ids", found)
                .setParameter("deletable", DELETABLE).executeUpdate();
        if (deleted != found.size()) {
            throw new TaskBusyException(found); // rolled back: all or nothing
        }
        return tasks;
    }

    /** The owner's tasks made from this one, oldest first. */
    public List<GenerationTask> children(String owner, long id) {
        return em.createQuery("SELECT t FROM GenerationTask t WHERE t.owner = :owner AND t.parentTaskId = :id"
                + " ORDER BY t.createdAt, t.id", GenerationTask.class).setParameter("owner", owner)
                .setParameter("id", id).getResultList();
    }

    private static String attribute(GalleryQuery.Sort.Key key) {
        return switch (key) {
            case CREATED -> "createdAt";
            case DURATION -> "durationSeconds";
            case COST -> "costEstimate";
        };
    }

    /** Which inputs a mode has (null) and has not: a fixed text per mode. */
    private static String modeFragment(GalleryQuery.Mode mode) {
        return present("firstFrame", mode.firstFrame()) + present("lastFrame", mode.lastFrame())
                + present("firstClip", mode.firstClip()) + present("drivingAudio", mode.drivingAudio());
    }

    private static String present(String attribute, boolean given) {
        return " AND t." + attribute + (given ? " IS NOT NULL" : " IS NULL");
    }

    /** The text as a LIKE pattern's literal part: its own % and _ match only themselves. */
    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
