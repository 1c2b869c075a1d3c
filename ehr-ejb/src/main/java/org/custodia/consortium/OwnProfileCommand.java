package org.custodia.consortium;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.crypto.CryptoException;
import org.custodia.crypto.KeyFingerprint;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.keys.KeyCustodyException;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.TransactionState;
import org.custodia.nodeapi.NodeApiSettings;
import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes this hospital's endpoint and PRE public key on chain ({@code updateOwnProfile}), so that custodians
 * issue re-keys for the key it actually holds. Safe to repeat: when the chain already holds both, nothing is sent,
 * and nothing while an earlier attempt's transaction waits to be mined. A key is published only where none is yet,
 * and only once proven to be this node's; another key already published is never replaced (a conflict for an
 * operator).
 */
@ApplicationScoped
public class OwnProfileCommand implements CommandHandler {

    /** The outbox kind; the subject is the fingerprint of the public key to publish. */
    public static final String KIND = "chain.update-own-profile";

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @Inject
    private OwnProfile profile;

    @Inject
    @ConfigProperty(name = "custodia.node.public-url")
    private String publicUrl;

    @Inject
    private NodeApiSettings nodeApi;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CommandOutcome carryOut(PendingCommand command) {
        try {
            nodeApi.ownApi();
        } catch (DependencyUnavailableException e) {
            // not published: members could not call the node at it, or would call it in the clear
            return new CommandOutcome.Retry(e.getMessage(), command.pendingTransaction());
        }
        byte[] publicKey;
        try {
            publicKey = profile.publicKey();
        } catch (KeyCustodyException | CryptoException e) {
            return new CommandOutcome.Conflict("this hospital's key pair (row hospital) is not proven to be its own, "
                    + "so its public key is not published: " + e.getMessage());
        }
        URI endpoint = URI.create(publicUrl);
        try (LedgerConnection chain = ledger.getConnection()) {
            return publish(chain, endpoint, publicKey, command);
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), command.pendingTransaction());
        }
    }

    /** One attempt on an open connection (the test seam). */
    CommandOutcome publish(LedgerConnection chain, URI endpoint, byte[] publicKey, PendingCommand command) {
        try {
            Optional<Bytes32> pending = command.pendingTransaction();
            if (pending.isPresent() && chain.transactionState(pending.get()) == TransactionState.PENDING) {
                // sent again, both would be mined, and every member would reconcile its pairs with this one twice
                return new CommandOutcome.Retry("the profile's transaction " + pending.get() + " is waiting to be "
                        + "mined; nothing is sent again meanwhile", pending);
            }
            // once mined, what the chain holds decides: the transaction may have carried an endpoint changed since
            Optional<Member> self = chain.findMember(chain.account());
            if (self.isEmpty()) {
                return new CommandOutcome.Retry("this node's account " + chain.account() + " is not a member of the "
                        + "consortium yet: the consortium administrator registers it", Optional.empty());
            }
            byte[] published = self.get().prePublicKey();
            if (published.length > 0 && !Arrays.equals(published, publicKey)) {
                return new CommandOutcome.Conflict(replacementRefused(chain, published, publicKey));
            }
            if (Arrays.equals(published, publicKey) && self.get().endpoint().equals(endpoint)) {
                return done(Optional.empty());
            }
            return done(Optional.of(chain.updateOwnProfile(endpoint, publicKey).transactionHash()));
        } catch (LedgerUnavailableException e) {
            return new CommandOutcome.Retry(e.getMessage(), e.pendingTransaction().or(command::pendingTransaction));
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), command.pendingTransaction());
        }
    }

    /**
     * Why a key other than the published one is not published over it: custodians issue re-keys for the published
     * key, and a node that came up on another database (a wrong pool URL, a move) has created a key of its own there.
     */
    private static String replacementRefused(LedgerConnection chain, byte[] published, byte[] own) {
        return "the PRE public key published for this node's account " + chain.account() + " (fingerprint "
                + KeyFingerprint.ofPublicKey(published) + ") is not this node's key (fingerprint "
                + KeyFingerprint.ofPublicKey(own) + "), and a node never replaces its published key: other hospitals "
                + "issue re-keys for it. Check that the node runs on the database it was set up with (the custodia "
                + "pool's URL); if its key is lost for good, the consortium administrator clears the key on chain "
                + "(updateMember with an empty key) and the node publishes its own at the next attempt";
    }

    @Override
    public void completed(String fingerprint, CommandOutcome.Done done) {
        // the chain is the record of what was published; nothing to keep on the node
    }

    private static CommandOutcome done(Optional<Bytes32> transaction) {
        return new CommandOutcome.Done(transaction, null, Instant.now());
    }
}
