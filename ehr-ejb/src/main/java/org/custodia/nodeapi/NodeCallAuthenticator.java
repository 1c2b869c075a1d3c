package org.custodia.nodeapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.NodeRole;
import org.custodia.nodeapi.RefusalAuditBudget.Uncounted;

/**
 * Authenticates the node-to-node calls this node receives: a {@link NodeCallVerifier} over the ledger connector's
 * signatures, the chain's membership and the database's nonces, with the window of
 * {@code custodia.node-api.signature-window-seconds}. Every refusal is audited as {@code node-call.refused} (in its
 * own transaction): actor the caller's address once its signature is verified (else {@code unknown}, with the
 * claimed {@code keyid} in the detail), subject its method and path, detail the reason; never the header fields
 * received. Beyond {@value RefusalAuditBudget#PER_MINUTE} refusals a minute they are counted instead, and the count
 * audited once its minute has passed ({@link RefusalAuditBudget}): a member's {@code wrong-role} refusals against a
 * budget of the member's own, every other refusal (which anyone can cause) against one budget shared by all. Call it
 * outside a transaction: it asks the chain.
 */
@ApplicationScoped
public class NodeCallAuthenticator {

    private static final Logger LOG = Logger.getLogger(NodeCallAuthenticator.class.getName());

    /** The actor of a refused call that names no well-formed {@code keyid}. */
    static final String UNKNOWN_CALLER = "unknown";
    /** The subject of the entries that stand for refusals beyond the budget. */
    static final String NOT_ONE_BY_ONE = "(refusals beyond the budget)";

    private SignerRecovery recovery;
    private Membership membership;
    private ReplayGuard replayGuard;
    private Clock clock;
    private NodeApiSettings settings;
    private AuditTrail audit;
    private RefusalAuditBudget anyone;
    private Map<String, RefusalAuditBudget> byMember;

    protected NodeCallAuthenticator() {
        // for CDI proxies
    }

    @Inject
    NodeCallAuthenticator(ConnectorSignatures signatures, ChainMembership membership, NonceRegistry nonces,
            NodeApiSettings settings, AuditTrail audit) {
        this(signatures, membership, nonces, Clock.systemUTC(), settings, audit);
    }

    NodeCallAuthenticator(SignerRecovery recovery, Membership membership, ReplayGuard replayGuard, Clock clock,
            NodeApiSettings settings, AuditTrail audit) {
        this.recovery = recovery;
        this.membership = membership;
        this.replayGuard = replayGuard;
        this.clock = clock;
        this.settings = Objects.requireNonNull(settings, "the node API settings are missing");
        this.audit = Objects.requireNonNull(audit, "the audit trail is missing");
        this.anyone = new RefusalAuditBudget(clock);
        this.byMember = new ConcurrentHashMap<>();
    }

    /**
     * The member that made {@code request}, if it may call an endpoint that requires {@code required}.
     *
     * @throws NodeCallRefusedException when the call is refused (and audited); its status is 401 or 403
     * @throws org.custodia.kernel.DependencyUnavailableException when the chain, the ledger connector or the database
     *                                                            cannot be asked
     */
    public VerifiedCaller verify(SignedRequest request, NodeRole required) throws NodeCallRefusedException {
        Objects.requireNonNull(required, "the role the endpoint requires is missing");
        return verify(request, EnumSet.of(required));
    }

    /**
     * The member that made {@code request}, if it may call an endpoint open to members in any of {@code allowed}.
     *
     * @throws NodeCallRefusedException when the call is refused (and audited); its status is 401 or 403
     * @throws org.custodia.kernel.DependencyUnavailableException when the chain, the ledger connector or the database
     *                                                            cannot be asked, or the signature window is not
     *                                                            configured right
     */
    public VerifiedCaller verify(SignedRequest request, Set<NodeRole> allowed) throws NodeCallRefusedException {
        NodeCallVerifier verifier = new NodeCallVerifier(recovery, membership, replayGuard, clock,
                settings.signatureWindow());
        try {
            return verifier.verify(request, allowed);
        } catch (NodeCallRefusedException e) {
            // the claimed keyid is the actor only once its signature was verified (a member, or not, by its own key):
            // anyone can name any address in a forged or stale call
            boolean proven = e.reason() == RefusalReason.NOT_A_MEMBER || e.reason() == RefusalReason.WRONG_ROLE;
            String claimed = claimedCaller(request);
            // only a member can be refused for its role, and a stranger's flood must not hide its refusals; any key
            // can sign a call that is refused as not a member's
            RefusalAuditBudget budget = e.reason() == RefusalReason.WRONG_ROLE
                    ? byMember.computeIfAbsent(claimed, member -> new RefusalAuditBudget(clock)) : anyone;
            refused(budget, proven ? claimed : UNKNOWN_CALLER, request.method() + " " + path(request.targetUri()),
                    e.reason().code() + ": " + e.getMessage() + (proven ? "" : " (claimed keyid " + claimed + ")"));
            throw e;
        }
    }

    /**
     * The hospital that made {@code call}, a call to a proxy that the proxy forwards with its own: signature, window
     * and membership are checked as for any call the node receives, the hospital role required. Its nonce is the
     * proxy's to check and is not recorded here (the proxy may ask again for the same call). Not audited here: the
     * release that depends on it is.
     *
     * @throws NodeCallRefusedException when the call does not verify
     * @throws org.custodia.kernel.DependencyUnavailableException when the chain or the ledger connector cannot be
     *                                                            asked, or the signature window is not configured
     *                                                            right
     */
    public VerifiedCaller verifyForwarded(ForwardedCall call) throws NodeCallRefusedException {
        ReplayGuard checkedByTheProxy = (keyid, nonce, created, window) -> true;
        return new NodeCallVerifier(recovery, membership, checkedByTheProxy, clock, settings.signatureWindow())
                .verify(call.asReceived(), EnumSet.of(NodeRole.HOSPITAL));
    }

    /**
     * Audits a call refused before its signature could be checked, as from an unknown caller: its content larger than
     * a signed call may carry, a request target no signature can cover, or an endpoint no member may call.
     *
     * @param why the refusal's name and explanation
     */
    public void refusedUnchecked(String method, String path, String why) {
        refused(anyone, UNKNOWN_CALLER, method + " " + path, why);
    }

    /**
     * Audits the refusals counted in minutes that have passed (each budget's count once its minute is over, whether or
     * not another refusal came). Called every minute.
     */
    public void auditOverdueCounts() {
        auditCounts(RefusalAuditBudget::overdue);
    }

    /** Audits every refusal counted so far, this minute's too: for a node that stops. */
    public void auditAllCounts() {
        auditCounts(RefusalAuditBudget::all);
    }

    /** How many refused calls are counted and not yet audited. */
    public long countedNotAudited() {
        return anyone.pending() + byMember.values().stream().mapToLong(RefusalAuditBudget::pending).sum();
    }

    private void auditCounts(Function<RefusalAuditBudget, Optional<Uncounted>> counts) {
        counts.apply(anyone).ifPresent(uncounted -> auditCount(anyone, UNKNOWN_CALLER, uncounted));
        byMember.forEach((member, budget) -> counts.apply(budget)
                .ifPresent(uncounted -> auditCount(budget, member, uncounted)));
    }

    /**
     * Audits a refusal against {@code budget}; beyond it, counts it. The entries for a count name the member whose
     * budget it is, or no one.
     */
    private void refused(RefusalAuditBudget budget, String actor, String subject, String detail) {
        String owner = budget == anyone ? UNKNOWN_CALLER : actor;
        RefusalAuditBudget.Turn turn = budget.take();
        try {
            turn.due().ifPresent(uncounted -> auditCount(budget, owner, uncounted));
        } catch (RuntimeException e) {
            // the count is back in its budget, for the next attempt; this refusal is audited (or fails) on its own
            LOG.warning("Node calls refused beyond the audit budget could not be audited yet (kept, retried): "
                    + e.getMessage());
        }
        if (turn.auditThis()) {
            audit.record(actor, AuditedAction.NODE_CALL_REFUSED, subject, AuditOutcome.REFUSED, detail);
        } else if (turn.floodBegins()) {
            audit.record(owner, AuditedAction.NODE_CALL_REFUSED, NOT_ONE_BY_ONE, AuditOutcome.REFUSED,
                    "more than " + RefusalAuditBudget.PER_MINUTE + " node calls refused this minute: the others of "
                            + "the minute are counted, and the count audited once the minute is over");
        }
    }

    /** Audits a count; one that cannot be written goes back to its budget, to be audited with the next. */
    private void auditCount(RefusalAuditBudget budget, String actor, Uncounted uncounted) {
        try {
            audit.record(actor, AuditedAction.NODE_CALL_REFUSED, NOT_ONE_BY_ONE, AuditOutcome.REFUSED,
                    uncounted.calls() + " more node calls refused from " + uncounted.first() + " to "
                            + uncounted.last() + " were counted, not audited one by one (more than "
                            + RefusalAuditBudget.PER_MINUTE + " a minute)");
        } catch (RuntimeException e) {
            budget.restore(uncounted);
            throw e;
        }
    }

    /** The {@code keyid} the request's one {@code Signature-Input} names, if it is in the profile's form. */
    private static String claimedCaller(SignedRequest request) {
        List<String> inputs = request.header(NodeCallHeaders.SIGNATURE_INPUT);
        if (inputs.size() != 1) {
            return UNKNOWN_CALLER;
        }
        try {
            return SignatureFields.parseInput(inputs.get(0)).keyid();
        } catch (MalformedFieldException | IllegalArgumentException e) {
            return UNKNOWN_CALLER;
        }
    }

    private static String path(String targetUri) {
        try {
            String path = new URI(targetUri).getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (URISyntaxException e) {
            return "(a target URI that is no URI)";
        }
    }
}
