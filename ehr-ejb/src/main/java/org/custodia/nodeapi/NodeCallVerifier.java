package org.custodia.nodeapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.custodia.kernel.NodeRole;

/**
 * Decides whether a received node-to-node call comes from a consortium member allowed to make it. In order: the
 * signature fields must be in the profile's form, the body must match its {@code Content-Digest}, {@code created}
 * must lie within the window either side of this node's clock, the signature must recover to {@code keyid}, the
 * signer must be a current member with the endpoint's role, and the nonce must be new. The nonce is recorded only
 * once everything else holds, so unauthenticated requests cannot fill the {@link ReplayGuard}. Thread-safe when its
 * collaborators are.
 */
public final class NodeCallVerifier {

    /** The default window around this node's clock in which {@code created} must lie. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

    private final SignerRecovery recovery;
    private final Membership membership;
    private final ReplayGuard replayGuard;
    private final Clock clock;
    private final Duration window;

    /**
     * @param recovery    recovers the signer of a signature base (the ledger connector's)
     * @param membership  the consortium's current members
     * @param replayGuard remembers the nonces of accepted calls
     * @param clock       this node's clock
     * @param window      how far {@code created} may lie from the clock, either way; {@link #DEFAULT_WINDOW} unless
     *                    configured otherwise
     */
    public NodeCallVerifier(SignerRecovery recovery, Membership membership, ReplayGuard replayGuard, Clock clock,
            Duration window) {
        this.recovery = Objects.requireNonNull(recovery, "the signer recovery is missing");
        this.membership = Objects.requireNonNull(membership, "the membership lookup is missing");
        this.replayGuard = Objects.requireNonNull(replayGuard, "the replay guard is missing");
        this.clock = Objects.requireNonNull(clock, "the clock is missing");
        Objects.requireNonNull(window, "the freshness window is missing");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the freshness window must be positive");
        }
        this.window = window;
    }

    /**
     * The member that made {@code request}, if it may call an endpoint that requires {@code requiredRole}.
     *
     * @throws NodeCallRefusedException when the call is refused; its {@link NodeCallRefusedException#reason()} says
     *                                  why and {@link NodeCallRefusedException#status()} gives 401 or 403
     */
    public VerifiedCaller verify(SignedRequest request, NodeRole requiredRole) throws NodeCallRefusedException {
        Objects.requireNonNull(requiredRole, "the role the endpoint requires is missing");
        return verify(request, EnumSet.of(requiredRole));
    }

    /**
     * The member that made {@code request}, if it may call an endpoint open to members in any of
     * {@code allowedRoles}.
     *
     * @throws NodeCallRefusedException when the call is refused, as {@link #verify(SignedRequest, NodeRole)} does
     */
    public VerifiedCaller verify(SignedRequest request, Set<NodeRole> allowedRoles) throws NodeCallRefusedException {
        Objects.requireNonNull(request, "the request is missing");
        if (allowedRoles == null || allowedRoles.isEmpty()) {
            throw new IllegalArgumentException("name the roles the endpoint is open to");
        }
        Set<NodeRole> allowed = EnumSet.copyOf(allowedRoles);
        SignatureParameters parameters;
        byte[] signature;
        ContentDigest claimedDigest;
        try {
            parameters = SignatureFields.parseInput(single(request, NodeCallHeaders.SIGNATURE_INPUT));
            signature = SignatureFields.parseSignature(single(request, NodeCallHeaders.SIGNATURE));
            claimedDigest = ContentDigest.parse(single(request, NodeCallHeaders.CONTENT_DIGEST));
        } catch (MalformedFieldException e) {
            throw new NodeCallRefusedException(RefusalReason.UNSIGNED, e.getMessage());
        }
        SignatureBase base = base(request, claimedDigest, parameters);
        if (!claimedDigest.equals(request.bodyDigest())) {
            throw new NodeCallRefusedException(RefusalReason.DIGEST_MISMATCH, "the body received does not match its "
                    + NodeCallHeaders.CONTENT_DIGEST + ": it was changed or cut short on the way, or the caller "
                    + "digested other bytes than it sent");
        }
        requireFresh(parameters.createdAt());
        requireSignedBy(parameters.keyid(), base, signature);
        NodeRole role = requireRole(parameters.keyid(), allowed);
        if (!replayGuard.firstUse(parameters.keyid(), parameters.nonce(), parameters.createdAt(), window)) {
            throw new NodeCallRefusedException(RefusalReason.REPLAYED, "the nonce of this signature was already used "
                    + "by " + parameters.keyid() + ": the request is a replay or was sent twice; sign every call "
                    + "afresh");
        }
        // again: the checks above may wait (a connection, the chain node) past the window, and a nonce is kept only
        // while its signature is fresh, so a replay of one purged meanwhile would count as a first use
        requireFresh(parameters.createdAt());
        return new VerifiedCaller(parameters.keyid(), role);
    }

    private static String single(SignedRequest request, String name) throws MalformedFieldException {
        List<String> values = request.header(name);
        if (values.isEmpty()) {
            throw new MalformedFieldException("the request has no " + name + " header field: calls between nodes "
                    + "must be signed with the calling member's ledger account (RFC 9421)");
        }
        if (values.size() > 1) {
            throw new MalformedFieldException("the request has " + values.size() + " " + name
                    + " header fields; send exactly one");
        }
        return values.get(0);
    }

    private static SignatureBase base(SignedRequest request, ContentDigest digest, SignatureParameters parameters)
            throws NodeCallRefusedException {
        try {
            return SignatureBase.of(request.method(), request.targetUri(), digest, parameters);
        } catch (IllegalArgumentException e) {
            throw new NodeCallRefusedException(RefusalReason.UNSIGNED, "the request cannot carry a valid signature: "
                    + e.getMessage());
        }
    }

    private void requireFresh(Instant created) throws NodeCallRefusedException {
        Instant now = clock.instant();
        if (created.plus(window).isBefore(now)) {
            throw new NodeCallRefusedException(RefusalReason.STALE, "the signature was created "
                    + Duration.between(created, now).toSeconds() + " s ago, more than the " + window.toSeconds()
                    + " s accepted: sign each call just before sending it, and check the caller's clock");
        }
        if (created.minus(window).isAfter(now)) {
            throw new NodeCallRefusedException(RefusalReason.STALE, "the signature's created time lies "
                    + Duration.between(now, created).toSeconds() + " s in the future, more than the "
                    + window.toSeconds() + " s accepted: synchronise the caller's clock and this node's (NTP)");
        }
    }

    private void requireSignedBy(String keyid, SignatureBase base, byte[] signature)
            throws NodeCallRefusedException {
        String signer;
        try {
            signer = recovery.recover(base.bytes(), signature);
        } catch (MalformedSignatureException e) {
            throw new NodeCallRefusedException(RefusalReason.BAD_SIGNATURE, "the Signature is not a ledger "
                    + "signature: " + e.getMessage());
        }
        if (!keyid.equalsIgnoreCase(signer)) {
            throw new NodeCallRefusedException(RefusalReason.BAD_SIGNATURE, "the signature was not made by the key of "
                    + keyid + " over this request: sign with the account named in keyid, over exactly the method, "
                    + "target URI and Content-Digest sent");
        }
    }

    private NodeRole requireRole(String address, Set<NodeRole> allowed) throws NodeCallRefusedException {
        NodeRole role = membership.roleOf(address).orElseThrow(() -> new NodeCallRefusedException(
                RefusalReason.NOT_A_MEMBER, address + " is not a current consortium member; the consortium "
                        + "administrator registers members"));
        if (!allowed.contains(role)) {
            throw new NodeCallRefusedException(RefusalReason.WRONG_ROLE, "this endpoint is for "
                    + allowed.stream().map(NodeCallVerifier::name).collect(Collectors.joining(" or "))
                    + " members, and " + address + " is registered as a " + name(role));
        }
        return role;
    }

    private static String name(NodeRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
