package org.custodia.proxy;

import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.consortium.NotOnThisNodeException;
import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.InvalidInputException;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.ServiceException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.nodeapi.VerifiedCaller;

/**
 * Stores and withdraws the re-keys custodian hospitals deliver (flow 6). A custodian manages its own re-keys only, and
 * a re-key is accepted only for a hospital whose PRE public key on chain is the one it re-encrypts for. Every call is
 * audited, with the calling custodian as actor. Each call carries its custodian's number for it, and is applied only if
 * no call numbered higher was applied for the same re-key ({@link SealedReKeys}). Runs outside transactions: the chain
 * is asked first, and the row is then written in a transaction of its own with its audit entry ({@link SealedReKeys});
 * a refusal or failure is audited here.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReKeyStore {

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private SealedReKeys reKeys;

    @EJB
    private AuditTrail audit;

    @Inject
    private NodeSettings settings;

    @Inject
    private ProxySuite suite;

    /**
     * Stores a re-key, replacing the one held under the same path (a repeated PUT leaves one row).
     *
     * @param caller           the verified calling hospital
     * @param custodianPath    the custodian named in the path; must be the caller
     * @param ownerFingerprint hex of the owner key's fingerprint; must be the re-key's delegator
     * @param delegateePath    the hospital the re-key is for
     * @param generation       the call's number as the custodian gave it ({@code generation} in the query): decimal,
     *                         1 or more; a call numbered lower than one applied for the same re-key changes nothing.
     *                         Null for a custodian of an earlier version: applied while no numbered call was
     * @param encodedReKey     the re-key's encoding (276 bytes in suite {@code CUSTODIA-PRE-BLS12381-V1})
     * @throws NotOnThisNodeException          on a hospital node
     * @throws InvalidInputException           if a path segment or the re-key is malformed, or the re-key's delegator
     *                                         is not the owner key in the path
     * @throws NotTheCustodianException        if the caller is not the custodian in the path
     * @throws ReKeyRefusedException           if the delegatee is not a hospital of the consortium, or its PRE public
     *                                         key on chain is not the key the re-key is for, or the chain removed the
     *                                         custodian or the delegatee from the consortium (as this proxy journaled)
     * @throws ReKeySupersededException       if a call numbered higher was applied for the same re-key already
     * @throws DependencyUnavailableException if the chain node or the key-encryption key is not available
     */
    public void store(VerifiedCaller caller, String custodianPath, String ownerFingerprint, String delegateePath,
            String generation, byte[] encodedReKey) {
        String subject = subject(ownerFingerprint, delegateePath);
        try {
            NotOnThisNodeException.requireRole(settings, NodeRole.PROXY, "storing re-keys");
            ProxyReKeyId id = ProxyReKeyId.parse(custodianPath, ownerFingerprint, delegateePath);
            subject = subject(id.ownerFingerprint(), id.delegatee());
            requireCustodian(caller, id);
            long number = generation(generation);
            ReEncryptionKey reKey = decode(encodedReKey);
            if (!reKey.delegator().toString().equals(id.ownerFingerprint())) {
                throw new InvalidInputException("the re-key transforms capsules of owner key " + reKey.delegator()
                        + ", not of the owner key " + id.ownerFingerprint() + " its path names");
            }
            requirePublishedDelegatee(id, reKey.delegatee());
            reKeys.put(id, number, reKey, caller.address(), subject);
        } catch (ServiceException e) {
            audit.record(caller.address(), AuditedAction.PROXY_RE_KEY_STORE, subject, AuditOutcome.of(e),
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(caller.address(), AuditedAction.PROXY_RE_KEY_STORE, subject, AuditOutcome.FAILED,
                    "failed: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * Deletes the re-key held under the path, if any (a repeated DELETE changes nothing more).
     *
     * @return whether one was held
     * @throws NotOnThisNodeException   on a hospital node
     * @throws InvalidInputException    if a path segment is malformed
     * @throws NotTheCustodianException if the caller is not the custodian in the path
     * @throws ReKeySupersededException  if a call numbered higher than {@code generation} (as in {@link #store}) was
     *                                   applied for the same re-key already
     */
    public boolean withdraw(VerifiedCaller caller, String custodianPath, String ownerFingerprint,
            String delegateePath, String generation) {
        String subject = subject(ownerFingerprint, delegateePath);
        try {
            NotOnThisNodeException.requireRole(settings, NodeRole.PROXY, "withdrawing re-keys");
            ProxyReKeyId id = ProxyReKeyId.parse(custodianPath, ownerFingerprint, delegateePath);
            subject = subject(id.ownerFingerprint(), id.delegatee());
            requireCustodian(caller, id);
            return reKeys.remove(id, generation(generation), caller.address(), subject);
        } catch (ServiceException e) {
            audit.record(caller.address(), AuditedAction.PROXY_RE_KEY_DELETE, subject, AuditOutcome.of(e),
                    e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            audit.record(caller.address(), AuditedAction.PROXY_RE_KEY_DELETE, subject, AuditOutcome.FAILED,
                    "failed: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    private static void requireCustodian(VerifiedCaller caller, ProxyReKeyId id) {
        if (!LedgerAddress.fromHex(caller.address()).equals(LedgerAddress.fromHex(id.custodian()))) {
            throw new NotTheCustodianException("a hospital manages only the re-keys it delivered as custodian: "
                    + caller.address() + " called for custodian " + id.custodian());
        }
    }

    /**
     * The call's number; 0 for a call without one (a custodian of an earlier version), which is applied only while no
     * numbered call was.
     */
    private static long generation(String generation) {
        if (generation == null) {
            return 0;
        }
        String digits = generation.trim();
        try {
            long number = digits.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.parseLong(digits) : 0;
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // empty, or too large: refused below
        }
        throw new InvalidInputException("the call's generation must be a decimal number from 1 to " + Long.MAX_VALUE
                + " (the query's generation parameter)");
    }

    private ReEncryptionKey decode(byte[] encoded) {
        try {
            return suite.kem().reEncryptionKey(encoded == null ? new byte[0] : encoded);
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidInputException("the body is not a re-encryption key of suite " + suite.kem().suite()
                    + ": " + e.getMessage());
        }
    }

    /** The delegatee is a hospital of the consortium and its PRE public key on chain is {@code expected}. */
    private void requirePublishedDelegatee(ProxyReKeyId id, KeyFingerprint expected) {
        Optional<Member> member;
        try (LedgerConnection chain = ledger.getConnection()) {
            member = chain.findMember(LedgerAddress.fromHex(id.delegatee()));
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the chain node cannot say which PRE public key " + id.delegatee()
                    + " published, so re-keys are refused for now: " + e.getMessage(), e);
        }
        if (member.isEmpty() || member.get().role() != MemberRole.HOSPITAL) {
            throw new ReKeyRefusedException(id.delegatee() + " is not a hospital of the consortium");
        }
        byte[] published = member.get().prePublicKey();
        if (published.length == 0) {
            throw new ReKeyRefusedException("hospital " + id.delegatee() + " has not published a PRE public key on "
                    + "chain");
        }
        KeyFingerprint onChain;
        try {
            onChain = suite.kem().publicKey(published).fingerprint();
        } catch (InvalidKeyMaterialException e) {
            throw new ReKeyRefusedException("the PRE public key hospital " + id.delegatee() + " published on chain is "
                    + "not valid: " + e.getMessage());
        }
        if (!onChain.equals(expected)) {
            throw new ReKeyRefusedException("the re-key is for key " + expected + ", but the PRE public key hospital "
                    + id.delegatee() + " published on chain is " + onChain);
        }
    }

    /** The audit subject of a call for a re-key: as its parsed id writes it, or as the path gave it if malformed. */
    private static String subject(String ownerFingerprint, String delegatee) {
        return "owner key " + ownerFingerprint + " for " + delegatee;
    }
}
