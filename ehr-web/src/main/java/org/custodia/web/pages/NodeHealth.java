package org.custodia.web.pages;

import java.util.Comparator;
import java.util.List;

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
 * hospital, the consortium's members with whether each member's node answers. Each part is read on its own, so a
 * part that fails shows its reason without hiding the others. The node's own facts come from {@link NodeOverview}.
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
                members = consortium.members().stream().map(member -> new MemberState(member, reach(member)))
                        .toList();
            } catch (ServiceException e) {
                FacesContext.getCurrentInstance().addMessage(null, messages.problem(e.getMessage()));
            }
        }
    }

    /** Whether one member answers; a refusal to ask is shown as that member's problem. */
    private Reachability reach(ConsortiumMember member) {
        if (member.self()) {
            return new Reachability(true, 0, null);
        }
        try {
            return reachability.check(member);
        } catch (ServiceException e) {
            return new Reachability(false, 0, e.getMessage());
        }
    }

    public List<DependencyState> getDependencies() {
        return dependencies;
    }

    public List<MemberState> getMembers() {
        return members;
    }
}
