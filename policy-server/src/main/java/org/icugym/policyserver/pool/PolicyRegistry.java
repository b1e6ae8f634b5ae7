package org.icugym.policyserver.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;
import org.icugym.agent.PolicyWeights;
import org.icugym.core.env.EnvException;

/**
 * The model registry and guardian of the policy server: knows every served model by id, its
 * current version and its {@link Batcher}, routes Act requests to the batcher, and loads new
 * versions (from LoadModel, or weights pushed by a trainer inside the cluster) with an atomic swap.
 *
 * <p>Versions start at 1 and grow by one per load. A new version of a served id must keep its
 * observation size and action count (queued requests were checked against them). Weights must be
 * validated before {@link Load} (the server opens them once on the CPU). Everything is lost when
 * the server stops; models configured at start are loaded again.
 */
public final class PolicyRegistry extends AbstractBehavior<PolicyRegistry.Command> {

    /** What the registry understands. */
    public sealed interface Command {}

    /** Routes an Act to a model; an empty id means the default model. */
    public record Act(String modelId, Batcher.Act act) implements Command {}

    /** Loads weights as the next version of {@code modelId} (a new model if unknown). */
    public record Load(String modelId, PolicyWeights weights, String source, boolean setDefault,
            ActorRef<StatusReply<ModelEntry>> replyTo) implements Command {}

    /**
     * The batcher of a served model id (not the default: that can change), so a front end can send
     * it Act requests directly; answers NOT_FOUND when not served. A model's batcher never changes.
     */
    public record Resolve(String modelId, ActorRef<StatusReply<ActorRef<Batcher.Command>>> replyTo)
            implements Command {}

    /** Makes a served model the default. */
    public record SetDefault(String modelId, ActorRef<StatusReply<String>> replyTo) implements Command {}

    /** Lists the served models, sorted by id. */
    public record ListModels(ActorRef<List<ModelEntry>> replyTo) implements Command {}

    /** Describes one model (empty id = the default); answers NOT_FOUND when not served. */
    public record Describe(String modelId, ActorRef<StatusReply<ModelEntry>> replyTo) implements Command {}

    /**
     * What the registry knows of one model.
     *
     * @param id model id
     * @param version current version
     * @param kind policy kind
     * @param observationSize observation row length
     * @param numActions number of actions
     * @param source where the current weights came from
     * @param devices devices of its replicas
     * @param isDefault whether requests without a model id use it
     */
    public record ModelEntry(String id, long version, String kind, int observationSize, int numActions, String source,
            List<String> devices, boolean isDefault) {}

    private record Served(ModelVersion current, ActorRef<Batcher.Command> batcher) {}

    private final List<String> devices;
    private final PolicyOpener opener;
    private final Batcher.Limits limits;
    private final String workerDispatcher;
    private final Map<String, Served> models = new TreeMap<>();
    private String defaultModel = "";

    /**
     * An empty registry.
     *
     * @param devices worker devices of every model (one worker per entry)
     * @param opener opens replicas
     * @param limits batching limits of every model
     * @param workerDispatcher config path of the workers' blocking dispatcher
     */
    public static Behavior<Command> create(List<String> devices, PolicyOpener opener, Batcher.Limits limits,
            String workerDispatcher) {
        return Behaviors.setup(ctx -> new PolicyRegistry(ctx, devices, opener, limits, workerDispatcher));
    }

    private PolicyRegistry(ActorContext<Command> context, List<String> devices, PolicyOpener opener,
            Batcher.Limits limits, String workerDispatcher) {
        super(context);
        this.devices = List.copyOf(devices);
        this.opener = opener;
        this.limits = limits;
        this.workerDispatcher = workerDispatcher;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Act.class, this::onAct)
                .onMessage(Load.class, this::onLoad)
                .onMessage(Resolve.class, this::onResolve)
                .onMessage(SetDefault.class, this::onSetDefault)
                .onMessage(ListModels.class, this::onList)
                .onMessage(Describe.class, this::onDescribe)
                .build();
    }

    private Behavior<Command> onAct(Act msg) {
        Served s = models.get(resolve(msg.modelId()));
        if (s == null) {
            msg.act().replyTo().tell(StatusReply.error(unknown(msg.modelId())));
        } else {
            s.batcher().tell(msg.act());
        }
        return this;
    }

    private Behavior<Command> onLoad(Load msg) {
        Served old = models.get(msg.modelId());
        PolicyWeights w = msg.weights();
        if (old != null && (old.current().weights().observationSize() != w.observationSize()
                || old.current().weights().numActions() != w.numActions())) {
            PolicyWeights o = old.current().weights();
            msg.replyTo().tell(StatusReply.error(EnvException.invalidArgument("model " + msg.modelId() + " takes ["
                    + o.observationSize() + "] observations and " + o.numActions() + " actions, the new weights ["
                    + w.observationSize() + "] and " + w.numActions() + ": load them under a new model id")));
            return this;
        }
        ModelVersion next = new ModelVersion(msg.modelId(), old == null ? 1 : old.current().version() + 1, w, msg.source());
        ActorRef<Batcher.Command> batcher;
        if (old == null) {
            batcher = getContext().spawn(Batcher.create(next, devices, opener, limits, workerDispatcher),
                    "batcher-" + models.size());
        } else {
            batcher = old.batcher();
            batcher.tell(new Batcher.Swap(next, getContext().getSystem().ignoreRef()));
        }
        models.put(msg.modelId(), new Served(next, batcher));
        if (msg.setDefault() || defaultModel.isEmpty()) {
            defaultModel = msg.modelId();
        }
        getContext().getLog().info("serving {} v{} ({}) from {}", msg.modelId(), next.version(), w, msg.source());
        msg.replyTo().tell(StatusReply.success(entry(msg.modelId())));
        return this;
    }

    private Behavior<Command> onResolve(Resolve msg) {
        Served s = msg.modelId().isEmpty() ? null : models.get(msg.modelId());
        msg.replyTo().tell(s == null ? StatusReply.error(unknown(msg.modelId())) : StatusReply.success(s.batcher()));
        return this;
    }

    private Behavior<Command> onSetDefault(SetDefault msg) {
        if (!models.containsKey(msg.modelId())) {
            msg.replyTo().tell(StatusReply.error(unknown(msg.modelId())));
        } else {
            defaultModel = msg.modelId();
            msg.replyTo().tell(StatusReply.success(defaultModel));
        }
        return this;
    }

    private Behavior<Command> onList(ListModels msg) {
        List<ModelEntry> out = new ArrayList<>();
        for (String id : models.keySet()) {
            out.add(entry(id));
        }
        msg.replyTo().tell(out);
        return this;
    }

    private Behavior<Command> onDescribe(Describe msg) {
        String id = resolve(msg.modelId());
        msg.replyTo().tell(models.containsKey(id) ? StatusReply.success(entry(id)) : StatusReply.error(unknown(msg.modelId())));
        return this;
    }

    private String resolve(String modelId) {
        return modelId.isEmpty() ? defaultModel : modelId;
    }

    private ModelEntry entry(String id) {
        ModelVersion v = models.get(id).current();
        return new ModelEntry(id, v.version(), v.weights().kind(), v.weights().observationSize(),
                v.weights().numActions(), v.source(), devices, id.equals(defaultModel));
    }

    private EnvException unknown(String modelId) {
        String what = modelId.isEmpty() ? "no model is served and the request names none"
                : "unknown model '" + modelId + "'";
        return EnvException.notFound(what + ": ListModels shows the served models " + models.keySet()
                + ", LoadModel adds one");
    }
}
