package org.custodia.web.pages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.custodia.consortium.ConsortiumDirectory;
import org.custodia.consortium.ConsortiumMember;
import org.custodia.consortium.MemberReachability;
import org.custodia.consortium.Reachability;
import org.custodia.kernel.ServiceException;
import org.custodia.outbox.OutboxOverview;
import org.custodia.node.OutboxStatus;
import org.custodia.web.health.DependencyCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Backs the administrators' status page: the node's readiness checks (database, file store, chain node), what waits
 * in its outbox and, on a hospital, the consortium's members with whether each member's node answers (all asked at
 * once). Each part is read
 * on its own, so a part that fails shows its reason without hiding the others. The node's own facts come from
 * {@link NodeOverview}.
 */
@Named
@RequestScoped
public class NodeHealth {

    /**
     * How long the page waits for the members' answers: a ping gives up after 3 s, and each waits for a container
     * thread first when many members are asked at once.
     */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(NodeHealth.class.getName());

    @Inject
    @Readiness
    private Instance<DependencyCheck> checks;

    @EJB
    private ConsortiumDirectory consortium;

    @EJB
    private MemberReachability reachability;

    @EJB
    private OutboxStatus outboxStatus;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    private List<DependencyState> dependencies = List.of();
    private List<MemberState> members = List.of();
    private OutboxOverview outbox;

    /** Runs the checks and asks the members (the page's view action). */
    public void load() {
        if (!navigation.allows("NODE_STATUS_READ")) {
            return;
        }
        dependencies = checks.stream().map(check -> DependencyState.of(check.report()))
                .sorted(Comparator.comparing(DependencyState::name)).toList();
        try {
            outbox = outboxStatus.overview();
        } catch (EJBException e) {
            LOG.log(Level.WARNING, "the status page could not read the outbox", e);
            FacesContext.getCurrentInstance().addMessage(null,
                    messages.error("status.outbox.unreadable"));
        }
        if (navigation.isHospital() && navigation.may("CONSORTIUM_MEMBERS_READ")) {
            try {
                members = reachAll(consortium.members());
            } catch (ServiceException e) {
                FacesContext.getCurrentInstance().addMessage(null, messages.problem(e.getMessage()));
            }
        }
    }

    /** Asks every other member at once, then waits for each answer until a common deadline. */
    private List<MemberState> reachAll(List<ConsortiumMember> all) {
        Map<ConsortiumMember, Future<Reachability>> asked = new LinkedHashMap<>();
        for (ConsortiumMember member : all) {
            asked.put(member, member.self() ? null : ask(member));
        }
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        List<MemberState> states = new ArrayList<>();
        asked.forEach((member, answer) -> states.add(new MemberState(member, answer == null
                ? new Reachability(true, 0, null) : awaited(member, answer, deadline))));
        return states;
    }

    /** Hands one member's ping to the container; a container that refuses it is that member's problem. */
    private Future<Reachability> ask(ConsortiumMember member) {
        try {
            return reachability.check(member);
        } catch (EJBException e) {
            return CompletableFuture.completedFuture(failed(member, e));
        }
    }

    /** One member's answer; a refusal to ask, or no answer by the deadline, is shown as that member's problem. */
    private static Reachability awaited(ConsortiumMember member, Future<Reachability> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            return e.getCause() instanceof ServiceException refused ? new Reachability(false, 0, refused.getMessage())
                    : failed(member, e.getCause());
        } catch (TimeoutException e) {
            // the ping goes on (the container cannot stop it) and is audited with its own outcome
            return new Reachability(false, ANSWER_WAIT.toMillis(),
                    "no answer within " + ANSWER_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reachability(false, 0, "interrupted");
        }
    }

    /** A check that failed for a reason of this node's own: logged in full, shown without its internals. */
    private static Reachability failed(ConsortiumMember member, Throwable cause) {
        LOG.log(Level.WARNING, "the status page could not check member " + member.account(), cause);
        return new Reachability(false, 0, "the check failed on this node (see its server log)");
    }

    public List<DependencyState> getDependencies() {
        return dependencies;
    }

    public List<MemberState> getMembers() {
        return members;
    }

    /** What commands of {@code kind} do, in staff's words; the kind itself for one this page does not know. */
    public String describe(String kind) {
        return messages.textOr("status.outbox.kind." + kind, kind);
    }

    /** The outbox as read by {@link #load}; null when it could not be read. */
    public OutboxOverview getOutbox() {
        return outbox;
    }
}
