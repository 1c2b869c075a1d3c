package org.custodia.web.pages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ejb.EJB;
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
import org.custodia.web.health.DependencyCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Backs the administrators' status page: the node's readiness checks (database, file store, chain node) and, on a
 * hospital, the consortium's members with whether each member's node answers (all asked at once). Each part is read
 * on its own, so a part that fails shows its reason without hiding the others. The node's own facts come from
 * {@link NodeOverview}.
 */
@Named
@RequestScoped
public class NodeHealth {

    @Inject
    @Readiness
    private Instance<DependencyCheck> checks;

    @EJB
    private ConsortiumDirectory consortium;

    @EJB
    private MemberReachability reachability;

    @Inject
    private Navigation navigation;

    @Inject
    private PageMessages messages;

    /**
     * How long the page waits for the members' answers: a ping gives up after 3 s, and each waits for a container
     * thread first when many members are asked at once.
     */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    private List<DependencyState> dependencies = List.of();
    private List<MemberState> members = List.of();

    /** Runs the checks and asks the members (the page's view action). */
    public void load() {
        if (!navigation.may("NODE_STATUS_READ")) {
            return;
        }
        dependencies = checks.stream().map(check -> DependencyState.of(check.report()))
                .sorted(Comparator.comparing(DependencyState::name)).toList();
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
            asked.put(member, member.self() ? null : reachability.check(member));
        }
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        List<MemberState> states = new ArrayList<>();
        asked.forEach((member, answer) -> states.add(new MemberState(member, answer == null
                ? new Reachability(true, 0, null) : awaited(answer, deadline))));
        return states;
    }

    /** One member's answer; a refusal to ask, or no answer by the deadline, is shown as that member's problem. */
    private static Reachability awaited(Future<Reachability> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            return new Reachability(false, 0, e.getCause() instanceof ServiceException refused
                    ? refused.getMessage() : "the check failed: " + e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Reachability(false, ANSWER_WAIT.toMillis(),
                    "no answer within " + ANSWER_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reachability(false, 0, "interrupted");
        }
    }

    public List<DependencyState> getDependencies() {
        return dependencies;
    }

    public List<MemberState> getMembers() {
        return members;
    }
}
