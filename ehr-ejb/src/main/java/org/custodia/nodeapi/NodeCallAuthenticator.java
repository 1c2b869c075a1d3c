package org.custodia.nodeapi;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.NodeRole;

/**
 * Authenticates the node-to-node calls this node receives: a {@link NodeCallVerifier} over the ledger connector's
 * signatures, the chain's membership and the database's nonces, with the window of
 * {@code custodia.node-api.signature-window-seconds}. Every refusal is audited as {@code node-call.refused} (in its
 * own transaction): actor the caller's address once its signature is verified (else {@code unknown}, with the
 * claimed {@code keyid} in the detail), subject its method and path, detail the reason; never the header fields
 * received. Beyond {@value RefusalAuditBudget#PER_MINUTE} refusals a minute they are counted instead, and the count
 * audited ({@link RefusalAuditBudget}). Call it outside a transaction: it asks the chain.
 */
@ApplicationScoped
public class NodeCallAuthenticator {

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
    private RefusalAuditBudget budget;

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
        this.budget = new RefusalAuditBudget(clock);
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
            refused(proven ? claimed : UNKNOWN_CALLER, request.method() + " " + path(request.targetUri()),
                    e.reason().code() + ": " + e.getMessage() + (proven ? "" : " (claimed keyid " + claimed + ")"));
            throw e;
        }
    }

    /**
     * Audits a call refused before its signature could be checked, as from an unknown caller: its content larger than
     * a signed call may carry, a request target no signature can cover, or an endpoint no member may call.
     *
     * @param why the refusal's name and explanation
     */
    public void refusedUnchecked(String method, String path, String why) {
        refused(UNKNOWN_CALLER, method + " " + path, why);
    }

    /** Audits a refusal, within {@link RefusalAuditBudget}'s budget; beyond it, counts it. */
    private void refused(String actor, String subject, String detail) {
        RefusalAuditBudget.Turn turn = budget.take();
        turn.missed().ifPresent(missed -> audit.record(UNKNOWN_CALLER, AuditedAction.NODE_CALL_REFUSED, NOT_ONE_BY_ONE,
                AuditOutcome.REFUSED, missed.calls() + " more node calls refused from " + missed.first() + " to "
                        + missed.last() + " were counted, not audited one by one (more than "
                        + RefusalAuditBudget.PER_MINUTE + " a minute)"));
        if (turn.auditThis()) {
            audit.record(actor, AuditedAction.NODE_CALL_REFUSED, subject, AuditOutcome.REFUSED, detail);
        } else if (turn.floodBegins()) {
            audit.record(UNKNOWN_CALLER, AuditedAction.NODE_CALL_REFUSED, NOT_ONE_BY_ONE, AuditOutcome.REFUSED,
                    "more than " + RefusalAuditBudget.PER_MINUTE + " node calls refused this minute: the others of "
                            + "the minute are counted, and the count audited with the next refusal after it");
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
