package org.custodia.sharing;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.crypto.CryptoException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.keys.KeyCustodyException;
import org.custodia.keys.NodeKeys;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.nodeapi.NodeApiClient;
import org.custodia.nodeapi.NodeApiProblem;
import org.custodia.outbox.CommandOutcome;
import org.custodia.patients.PatientCustody;

/**
 * Brings the proxies' re-keys for one of this hospital's patients and one other hospital in line with the chain:
 * every proxy holds {@code rk(patient -> hospital)} while a grant this node issued or an emergency access the
 * hospital declared is live, and none once nothing covers the pair. The re-key is made for the hospital's PRE
 * public key as published on chain. Each call is an idempotent reconciliation (PUT or DELETE at every proxy that
 * has not applied the same decision in the last minutes), so repeating it after a lost answer or a restart does no
 * harm; each numbers its calls higher than the last ({@link ReKeyGenerations}), so that a proxy never applies one
 * that an earlier reconciliation left on its way after one of a later reconciliation.
 */
@ApplicationScoped
public class ReKeyIssuer {

    private static final String ACTOR = "system";
    /**
     * How long a proxy may take to answer a re-key's delivery or withdrawal (a signature, a chain read and a row); one
     * that takes longer, or does not answer at all, is left alone for a while ({@link SilentProxies}).
     */
    static final Duration PROXY_ANSWER_WAIT = Duration.ofSeconds(10);
    /** How many pairs' incomplete reconciliations are remembered (pairs whose patient left are never asked again). */
    private static final int MAX_INCOMPLETE_REMEMBERED = 10_000;
    /** How long the proxies that applied an incomplete reconciliation's decision are trusted to hold it. */
    static final Duration APPLIED_REMEMBERED = Duration.ofMinutes(5);

    @Inject
    private NodeKeys keys;

    @Inject
    private NodeApiClient nodes;

    @EJB
    private ConsentRefs refs;

    @EJB
    private AuditTrail audit;

    private final SilentProxies silent = new SilentProxies(Clock.systemUTC());
    private final ReKeyGenerations generations = new ReKeyGenerations(Clock.systemUTC());
    /** By pair (the re-key's path), what its incomplete reconciliation left applied; none once one completes. */
    private final Map<String, Applied> applied = new ConcurrentHashMap<>();

    /**
     * Reconciles the re-keys of {@code patient} for {@code hospital} at every proxy of the consortium. A hospital that
     * is no longer a member, or has no PRE key on chain, is covered by nothing.
     */
    CommandOutcome reconcile(LedgerConnection chain, PatientCustody patient, LedgerAddress hospital, Instant now)
            throws LedgerException {
        // numbered before anything is read: a reconciliation that reads the state after a change outnumbers every one
        // that may have read it before, however long that one stalls. A number is never kept or sent again by a later
        // attempt: proxies forget a re-key's number a day after its last call (ReKeyCallNumberExpiry)
        String query = "generation=" + generations.next();
        Optional<Member> delegatee = chain.findMember(hospital).filter(member -> member.role() == MemberRole.HOSPITAL);
        byte[] delegateeKey = delegatee.map(Member::prePublicKey).orElse(new byte[0]);
        boolean covered = delegateeKey.length > 0 && isCovered(chain, patient.pseudonym().hex(), hospital, now);
        List<Member> proxies = proxies(chain);
        if (proxies.isEmpty()) {
            return covered ? retry("no proxy is registered in the consortium yet") : done();
        }
        String owner = KeyFingerprint.ofPublicKey(patient.keyPair().publicKey()).toString();
        String path = "/re-keys/" + chain.account() + "/" + owner + "/" + hospital;
        byte[] reKey = new byte[0];
        if (covered) {
            try {
                reKey = keys.custody().reEncryptionKey(patient.keyPair(), patient.keyOwner(), delegateeKey).toBytes();
            } catch (CryptoException e) {
                return new CommandOutcome.Conflict("the PRE public key hospital " + hospital + " published on chain "
                        + "is not usable: " + e.getMessage());
            } catch (KeyCustodyException e) {
                return retry("the key of patient " + patient.patientId() + " does not unwrap under this node's "
                        + "key-encryption key: " + e.getMessage());
            }
        }
        List<String> retryable = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        String decision = covered ? "issue for key " + KeyFingerprint.ofPublicKey(delegateeKey) : "withdraw";
        Set<LedgerAddress> skipped = appliedBefore(path, decision, now);
        for (Member proxy : proxies) {
            if (!skipped.contains(proxy.account())
                    && send(proxy, path, query, reKey, covered, patient, hospital, retryable, refused)) {
                // noted as each proxy applies it, so that an attempt broken off midway leaves what is true
                applied.computeIfPresent(path, (key, noted) -> noted.decision().equals(decision)
                        ? noted.with(proxy.account()) : noted);
            }
        }
        if (retryable.isEmpty() && refused.isEmpty()) {
            applied.remove(path);
        }
        if (!retryable.isEmpty()) {
            return retry(String.join("; ", retryable) + (refused.isEmpty() ? "" : "; " + String.join("; ", refused)));
        }
        return refused.isEmpty() ? done() : new CommandOutcome.Conflict(String.join("; ", refused));
    }

    /**
     * The proxies that applied {@code decision} for the pair in an attempt that did not complete, less than
     * {@link #APPLIED_REMEMBERED} ago: this attempt need not call them. Notes the decision for this attempt's proxies
     * to be added to (with none for a new decision, or a note too old to trust).
     */
    private Set<LedgerAddress> appliedBefore(String path, String decision, Instant now) {
        Applied noted = applied.get(path);
        if (noted != null && noted.decision().equals(decision) && noted.since().plus(APPLIED_REMEMBERED).isAfter(now)) {
            return noted.proxies();
        }
        if (applied.size() >= MAX_INCOMPLETE_REMEMBERED) {
            // what was applied is only a saving: forgetting it makes the next attempts call every proxy again
            applied.clear();
        }
        applied.put(path, new Applied(decision, Set.of(), now));
        return Set.of();
    }

    private boolean isCovered(LedgerConnection chain, String pseudonym, LedgerAddress hospital, Instant now)
            throws LedgerException {
        for (ConsentRef ref : refs.covering(pseudonym, hospital.toString())) {
            boolean live = switch (ref.kind()) {
                case GRANT -> chain.findGrant(ref.chainId()).map(grant -> grant.isActiveAt(now)).orElse(false);
                case EMERGENCY -> chain.findEmergencyAccess(ref.chainId())
                        .map(emergency -> emergency.isActiveAt(now)).orElse(false);
                default -> false;
            };
            if (live) {
                return true;
            }
        }
        return false;
    }

    private static List<Member> proxies(LedgerConnection chain) throws LedgerException {
        return chain.members().stream().filter(member -> member.role() == MemberRole.PROXY).toList();
    }

    /**
     * One PUT or DELETE at one proxy; a failure goes to {@code retryable} (the proxy cannot be reached or is not
     * ready) or {@code refused} (its application refuses the request as such), with the proxy's explanation. A proxy
     * left alone for now is not called, and nothing is audited for it.
     *
     * @return whether the proxy applied it
     */
    private boolean send(Member proxy, String path, String query, byte[] reKey, boolean issue, PatientCustody patient,
            LedgerAddress hospital, List<String> retryable, List<String> refused) {
        String method = issue ? "PUT" : "DELETE";
        AuditedAction action = issue ? AuditedAction.RE_KEY_ISSUE : AuditedAction.RE_KEY_WITHDRAW;
        String subject = "patient " + patient.patientId() + " for " + hospital;
        Optional<Instant> quiet = silent.quietUntil(proxy.account());
        if (quiet.isPresent()) {
            retryable.add("proxy " + proxy.account() + " did not answer a re-key call; not called again before "
                    + quiet.get());
            return false;
        }
        try {
            String target = NodeApiBase.of(proxy.endpoint().toString()).targetUri(path, query);
            HttpResponse<InputStream> response = nodes.send(method, target, reKey,
                    "application/octet-stream", PROXY_ANSWER_WAIT);
            int status = response.statusCode();
            if (status / 100 == 2) {
                response.body().close();
                audit.record(ACTOR, action, subject, AuditOutcome.SUCCEEDED, "at proxy " + proxy.account());
                return true;
            }
            NodeApiProblem problem = NodeApiProblem.read(response);
            if (!issue && status == 404 && !problem.type().isEmpty()) {
                // the application answers that it keeps no re-keys (a node that serves as no proxy): none to withdraw;
                // a bare 404 comes from a server whose application is not deployed, and is retried below
                audit.record(ACTOR, action, subject, AuditOutcome.SUCCEEDED, "at proxy " + proxy.account()
                        + ", which keeps no re-keys (" + problem.describe() + ")");
                return true;
            }
            String failure = "proxy " + proxy.account() + " answered " + problem.describe() + " to " + method;
            audit.record(ACTOR, action, subject, AuditOutcome.FAILED, failure);
            // Only the application's own problem details are a refusal: a bare 4xx comes from a server whose
            // application is not deployed yet (a starting proxy answers a PUT with its default servlet's 403).
            boolean refusedByTheProxy = status / 100 == 4 && !problem.type().isEmpty() && status != 408
                    && status != 429;
            if (!refusedByTheProxy && problem.type().isEmpty()) {
                // a server without the application, or not ready: not the application's own answer
                silent.didNotAnswer(proxy.account());
            }
            (refusedByTheProxy ? refused : retryable).add(failure);
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof IOException) {
                silent.didNotAnswer(proxy.account());
            }
            String failure = "proxy " + proxy.account() + " cannot be reached: " + e.getMessage();
            audit.record(ACTOR, action, subject, AuditOutcome.FAILED, failure);
            retryable.add(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryable.add("interrupted while calling proxy " + proxy.account());
        }
        return false;
    }

    /**
     * What a reconciliation of one pair that did not complete left applied: its decision (deliver the re-key for a
     * given key of the hospital's, or withdraw), the proxies that applied it, and since when the decision stands. The
     * next attempt with the same decision calls only the others, so that one proxy down does not have every pair's
     * retry deliver to every proxy again; a new decision, or a note older than {@link #APPLIED_REMEMBERED} (a proxy
     * may have lost its data since), calls them all.
     */
    private record Applied(String decision, Set<LedgerAddress> proxies, Instant since) {

        Applied with(LedgerAddress proxy) {
            Set<LedgerAddress> more = new HashSet<>(proxies);
            more.add(proxy);
            return new Applied(decision, Set.copyOf(more), since);
        }
    }

    private static CommandOutcome done() {
        return new CommandOutcome.Done(Optional.empty(), null, Instant.now());
    }

    private static CommandOutcome retry(String reason) {
        return new CommandOutcome.Retry(reason, Optional.empty());
    }
}
