package org.custodia.proxy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.crypto.InvalidKeyMaterialException;
import org.custodia.crypto.ReEncryptionKey;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.SecretAccess;
import org.custodia.kernel.SecretBytes;
import org.custodia.persistence.UniqueViolation;
import org.custodia.sealing.NodeSealing;
import org.custodia.sealing.SealingException;

/**
 * The re-keys this proxy holds, in {@code proxy_re_key}: sealed under the node's key-encryption key on the way in,
 * opened and decoded on the way out, each bound to its row's key. Every method runs in a transaction of its own (or
 * the caller's); the services that call the chain call these outside theirs. A change commits with its audit entry,
 * so that no crash leaves a re-key stored or deleted unaudited. A delivery and a member's removal or admission by the
 * chain take {@link ProxyReKeyLock} first: a delivery whose chain checks passed before the removal was journaled
 * either commits before the removal's deletion, which then deletes it, or sees the removal and is refused.
 */
@Stateless
public class SealedReKeys {

    /** The actor of deletions the chain's membership decides, not a custodian's call. */
    static final String REMOVAL_ACTOR = "system";

    @PersistenceContext(unitName = "custodia")
    private EntityManager em;

    @Inject
    private NodeSealing sealing;

    @EJB
    private AuditTrail audit;

    @Inject
    private ProxySuite suite;

    private final Clock clock = Clock.systemUTC();

    /**
     * Seals {@code key} and stores it under {@code id}, replacing any re-key held there, and audits it as stored by
     * {@code custodian}, in the same transaction; unless a call numbered higher than {@code generation} was applied
     * for {@code id} already.
     *
     * @return whether one was replaced
     * @throws ReKeyRefusedException         if the chain removed the custodian or the delegatee from the consortium
     *                                        (as journaled here), and has not added it again
     * @throws ReKeySupersededException       if a call numbered higher was applied already (nothing changes)
     * @throws ReKeyCallsCrossedException     if another re-key call held a row this one needed longer than the
     *                                        database waits for a lock
     * @throws DependencyUnavailableException if the key-encryption key cannot be opened
     */
    public boolean put(ProxyReKeyId id, long generation, ReEncryptionKey key, String custodian, String subject) {
        lockMembership();
        requireNotRemoved(id.custodian(), "custodian");
        requireNotRemoved(id.delegatee(), "delegatee");
        apply(id, generation);
        SecretBytes encoded = SecretBytes.adopt(key.toBytes());
        byte[] sealed;
        try {
            sealed = sealing.keyEncryptionKey().wrap(encoded, id.sealingContext());
        } finally {
            encoded.destroy();
        }
        ProxyReKey row = em.find(ProxyReKey.class, id);
        boolean replaced = row != null;
        if (replaced) {
            row.replace(sealed, clock.instant());
        } else {
            em.persist(new ProxyReKey(id, sealed, clock.instant()));
        }
        audit.recordInCallersTransaction(custodian, AuditedAction.PROXY_RE_KEY_STORE, subject, AuditOutcome.SUCCEEDED,
                replaced ? "replaced the re-key held" : "stored");
        return replaced;
    }

    /**
     * Deletes the re-key under {@code id}, and audits it as withdrawn by {@code custodian}, in the same transaction;
     * unless a call numbered higher than {@code generation} was applied for {@code id} already.
     *
     * @return whether there was one
     * @throws ReKeySupersededException   if a call numbered higher was applied already (nothing changes)
     * @throws ReKeyCallsCrossedException if another call for {@code id} was being applied at the same time
     */
    public boolean remove(ProxyReKeyId id, long generation, String custodian, String subject) {
        apply(id, generation);
        ProxyReKey row = em.find(ProxyReKey.class, id);
        if (row != null) {
            em.remove(row);
        }
        audit.recordInCallersTransaction(custodian, AuditedAction.PROXY_RE_KEY_DELETE, subject, AuditOutcome.SUCCEEDED,
                row != null ? "deleted" : "none was held");
        return row != null;
    }

    /**
     * Notes that the chain removed {@code member} from the consortium (in block {@code blockNumber}), so that no
     * re-key with it is accepted from then on, and deletes every re-key held with it as custodian or delegatee,
     * auditing how many, in the caller's transaction. The last call numbers stay, as what refuses a delivery that
     * stalled on its way (until {@link ReKeyCallNumberExpiry} forgets them, a day after their last call).
     *
     * @return how many were deleted
     */
    public int memberRemoved(String member, long blockNumber) {
        lockMembership();
        if (em.find(ProxyMemberRemoval.class, member) == null) {
            em.persist(new ProxyMemberRemoval(member, blockNumber, clock.instant()));
        }
        int deleted = em.createQuery("delete from ProxyReKey k where k.id.custodian = :member "
                + "or k.id.delegatee = :member").setParameter("member", member).executeUpdate();
        if (deleted > 0) {
            audit.recordInCallersTransaction(REMOVAL_ACTOR, AuditedAction.PROXY_RE_KEY_DELETE, member,
                    AuditOutcome.SUCCEEDED, deleted + " re-keys with " + member + " as custodian or delegatee deleted: "
                            + "the chain removed it from the consortium");
        }
        return deleted;
    }

    /** Notes that the chain added {@code member} to the consortium: re-keys with it are accepted again. */
    public void memberAdded(String member) {
        lockMembership();
        ProxyMemberRemoval removal = em.find(ProxyMemberRemoval.class, member);
        if (removal != null) {
            em.remove(removal);
        }
    }

    /**
     * Forgets the removals journaled in block {@code fromBlock} and after, of a chain replaced from there on (a
     * development chain reverted or started anew): re-keys with those members are accepted again.
     */
    public void removalsReplacedFrom(long fromBlock) {
        lockMembership();
        em.createQuery("delete from ProxyMemberRemoval r where r.blockNumber >= :block")
                .setParameter("block", fromBlock).executeUpdate();
    }

    /**
     * Forgets the last call numbers of re-keys this proxy does not hold (withdrawn, or deleted with a member the chain
     * removed) whose last call was applied before {@code appliedBefore}. What such a number refuses is a call numbered
     * lower that is applied later: with {@code appliedBefore} far enough back ({@link ReKeyCallNumberExpiry}), that
     * call's number would be far older than any call's number is when it is applied. Every call applied sets its
     * row's time anew ({@link ProxyReKeyGeneration#advance}), so a row in use is never forgotten; the number of a
     * re-key held stays.
     *
     * @return how many were forgotten
     */
    public int forgetCallNumbers(Instant appliedBefore) {
        return em.createQuery("delete from ProxyReKeyGeneration g where g.appliedAt < :before and not exists ("
                + "select 1 from ProxyReKey k where k.id.custodian = g.id.custodian "
                + "and k.id.ownerFingerprint = g.id.ownerFingerprint and k.id.delegatee = g.id.delegatee)")
                .setParameter("before", appliedBefore).executeUpdate();
    }

    /** Locks {@link ProxyReKeyLock}'s row until the caller's transaction ends. */
    private void lockMembership() {
        ProxyReKeyLock lock;
        try {
            lock = em.find(ProxyReKeyLock.class, ProxyReKeyLock.ID, LockModeType.PESSIMISTIC_WRITE);
        } catch (PessimisticLockException | LockTimeoutException e) {
            throw new ReKeyCallsCrossedException(e);
        }
        if (lock == null) {
            throw new IllegalStateException("table proxy_re_key_lock holds no row; the schema's migration V43 inserts "
                    + "it, and it must not be deleted");
        }
    }

    private void requireNotRemoved(String member, String as) {
        ProxyMemberRemoval removal = em.find(ProxyMemberRemoval.class, member);
        if (removal != null) {
            throw new ReKeyRefusedException("the " + as + " " + member + " was removed from the consortium (block "
                    + removal.blockNumber() + "): no re-key with it is held");
        }
    }

    /**
     * Notes call {@code generation} as the latest applied for {@code id}, its row locked until the caller's
     * transaction ends, so that calls for one re-key apply one at a time and in their order. An equal number is the
     * same call again (accepted, as the call is idempotent).
     */
    private void apply(ProxyReKeyId id, long generation) {
        ProxyReKeyGeneration applied;
        try {
            applied = em.find(ProxyReKeyGeneration.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (applied == null) {
                em.persist(new ProxyReKeyGeneration(id, generation, clock.instant()));
                em.flush();
                return;
            }
        } catch (PessimisticLockException | LockTimeoutException e) {
            // another call for the re-key held its row longer than the database waits for a lock
            throw new ReKeyCallsCrossedException(e);
        } catch (PersistenceException e) {
            if (UniqueViolation.causedBy(e)) {
                throw new ReKeyCallsCrossedException(e);
            }
            throw e;
        }
        if (generation < applied.generation()) {
            throw new ReKeySupersededException(generation, applied.generation());
        }
        applied.advance(generation, clock.instant());
    }

    /**
     * The re-key under {@code id}, opened and decoded.
     *
     * @throws DependencyUnavailableException if the row does not open under this node's key-encryption key (another
     *         keystore, or a row altered or moved from another key), or the key-encryption key cannot be opened
     */
    public Optional<ReEncryptionKey> find(ProxyReKeyId id) {
        ProxyReKey row = em.find(ProxyReKey.class, id);
        if (row == null) {
            return Optional.empty();
        }
        SecretBytes encoded;
        try {
            encoded = sealing.keyEncryptionKey().unwrap(row.sealedReKey(), id.sealingContext());
        } catch (SealingException e) {
            throw unreadable(id, e);
        }
        try {
            return Optional.of(encoded.read(SecretAccess.get(), suite.kem()::reEncryptionKey));
        } catch (InvalidKeyMaterialException e) {
            throw unreadable(id, e);
        } finally {
            encoded.destroy();
        }
    }

    /** How many re-keys this proxy holds. */
    public long count() {
        return em.createQuery("select count(k) from ProxyReKey k", Long.class).getSingleResult();
    }

    private static DependencyUnavailableException unreadable(ProxyReKeyId id, Exception e) {
        return new DependencyUnavailableException("the re-key held from " + id.custodian() + " for owner key "
                + id.ownerFingerprint() + " and " + id.delegatee() + " cannot be used: " + e.getMessage()
                + " (a keystore other than the one it was sealed under, or an altered row)", e);
    }
}
