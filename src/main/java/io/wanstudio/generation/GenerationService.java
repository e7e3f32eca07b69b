package io.wanstudio.generation;

import io.wanstudio.budget.BudgetExceededException;
import io.wanstudio.budget.Budgets;
import io.wanstudio.media.UploadStore;
import io.wanstudio.platform.TaskLog;
import io.wanstudio.provider.NovitaGateway;
import io.wanstudio.provider.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Submits generation tasks and answers for them. The money rules live here: a request is validated before
 * anything is paid for; the task is written as SUBMITTING before the POST; a POST whose fate is unknown is
 * marked for review, never sent again; the same client request id never pays twice; the cost is reserved against
 * the user's and the team's monthly budgets in the transaction that creates the task, and given back when the
 * provider refuses it.
 */
@ApplicationScoped
public class GenerationService {
    private static final Logger LOG = Logger.getLogger(GenerationService.class.getName());

    @Inject
    RequestValidator validator;

    @Inject
    TaskStore store;

    @Inject
    NovitaGateway gateway;

    @Inject
    Pricing pricing;

    @Inject
    PollSchedule schedule;

    @Inject
    UploadStore uploads;

    @Inject
    Budgets budgets;

    Clock clock = Clock.systemUTC();

    /**
     * Validates and submits a request. Returns the task: QUEUED when the provider took it, FAILED when it refused
     * it (nothing was charged), NEEDS_REVIEW when its fate is unknown.
     *
     * @throws InvalidRequestException the request breaks a rule; nothing was stored or sent
     */
    public GenerationTask submit(String owner, GenerationRequest request) throws InvalidRequestException {
        return submit(owner, request, null);
    }

    /**
     * As {@link #submit(String, GenerationRequest)}, for a task made from another of the owner's tasks (remix,
     * extend, retry): the new task links to its parent.
     */
    public GenerationTask submit(String owner, GenerationRequest request, Lineage.Origin origin)
            throws InvalidRequestException {
        if (origin != null && find(owner, origin.parentTaskId()).isEmpty()) {
            origin = null; // not the owner's (or gone): no link, and nothing about it is revealed
        }
        String clientRequestId = blankToNull(request.clientRequestId());
        if (clientRequestId != null) {
            Optional<GenerationTask> earlier = store.findByClientRequest(owner, clientRequestId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        var valid = validator.validate(owner, request);
        var inputs = valid.inputs();
        GenerationTask task;
        Instant createdAt = clock.instant();
        java.math.BigDecimal cost = pricing.estimate(inputs.durationSeconds(), inputs.resolution());
        String currency = pricing.currency();
        budgets.prepare(owner, createdAt);
        try {
            var submitting = GenerationTask.submitting(owner, clientRequestId, inputs, cost, currency, createdAt);
            submitting.derivedFrom(origin);
            // Check and reserve in the task's own transaction: a refused budget leaves no task, a task always
            // has its reservation.
            task = store.create(submitting, t -> budgets.reserve(t.getId(), owner, cost, currency, createdAt));
        } catch (BudgetExceededException e) {
            throw new InvalidRequestException(Map.of("", e.getMessage()));
        } catch (PersistenceException | TransactionalException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BudgetExceededException refused) { // as the transaction's end reported it
                    throw new InvalidRequestException(Map.of("", refused.getMessage()));
                }
            }
            // The same client request id raced in from another thread: that one pays, this one reports it.
            if (clientRequestId != null) {
                Optional<GenerationTask> winner = store.findByClientRequest(owner, clientRequestId);
                if (winner.isPresent()) {
                    return winner.get();
                }
            }
            throw e;
        }
        long id = task.getId();
        try {
            String providerTaskId = gateway.submit(valid.providerRequest());
            Instant now = clock.instant();
            return save(id, t -> t.accepted(providerTaskId, schedule.firstPoll(now), now));
        } catch (ProviderException.Refused e) {
            return save(id, t -> t.refused(ProviderMessages.refusal(e), clock.instant()));
        } catch (ProviderException.Unauthorized e) {
            LOG.severe("Submit refused for the API key: " + e.getMessage() + " — check NOVITA_API_KEY");
            return save(id, t -> t.refused(ProviderMessages.NOT_CONFIGURED, clock.instant()));
        } catch (ProviderException.RateLimited e) {
            return save(id, t -> t.refused(ProviderMessages.RATE_LIMITED, clock.instant()));
        } catch (ProviderException.NotSent e) {
            return save(id, t -> t.refused(ProviderMessages.UNREACHABLE, clock.instant()));
        } catch (RuntimeException e) {
            // OutcomeUnknown, or anything unforeseen: the POST may have created a paid task.
            TaskLog.log(LOG, Level.WARNING, id, null, "the submit's outcome is unknown", e);
            return save(id, t -> t.submitOutcomeUnknown(ProviderMessages.outcomeUnknown(e), clock.instant()));
        }
    }

    /**
     * What is wrong with a request, field by field (empty when nothing is): the same checks as {@link #submit},
     * for a form that checks each step before the last. Nothing is stored or sent.
     */
    public Map<String, String> problemsWith(String owner, GenerationRequest request) {
        try {
            validator.validate(owner, request);
            return Map.of();
        } catch (InvalidRequestException e) {
            return e.fieldErrors();
        }
    }

    /** The request that made one of the owner's tasks, to make it again (media by the same sources). */
    public Optional<GenerationRequest> requestOf(String owner, long taskId) {
        return find(owner, taskId).map(task -> {
            TaskInputs in = task.inputs();
            return new GenerationRequest(MediaSource.ofReference(in.firstFrame()),
                    MediaSource.ofReference(in.lastFrame()), MediaSource.ofReference(in.firstClip()),
                    MediaSource.ofReference(in.drivingAudio()), in.prompt(), in.negativePrompt(),
                    in.durationSeconds(), in.resolution(), in.promptExtend(), in.watermark(), in.seed(), null);
        });
    }

    /** Removes an upload the user no longer wants (replaced or removed on a form) unless a task uses it. */
    public void discardUnusedUpload(String owner, String token) {
        if (store.inputsInUse(List.of(RequestValidator.UPLOAD_PREFIX + token)).isEmpty()) {
            uploads.discard(owner, token);
        }
    }

    /** The owner's task; another user's task is not found, exactly like one that does not exist. */
    public Optional<GenerationTask> find(String owner, long id) {
        return store.findForOwner(owner, id);
    }

    /**
     * The owner's task made for this client request id, if any: lets a caller that must do costly work before
     * {@link #submit} (storing uploaded files) skip it when the request is a repeat.
     */
    public Optional<GenerationTask> findByClientRequest(String owner, String clientRequestId) {
        String key = blankToNull(clientRequestId);
        return key == null ? Optional.empty() : store.findByClientRequest(owner, key);
    }

    private GenerationTask save(long id, java.util.function.Predicate<GenerationTask> change) {
        return store.update(id, change).orElseThrow();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
