package org.custodia.consortium;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.nodeapi.NodeApiSettings;
import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes this hospital's endpoint and PRE public key on chain ({@code updateOwnProfile}), so that custodians
 * issue re-keys for the key it actually holds. Safe to repeat: when the chain already holds both, nothing is sent;
 * a transaction whose answer was lost is looked up first.
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
        byte[] publicKey = profile.publicKey();
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
            if (command.pendingTransaction().isPresent()
                    && chain.findTransaction(command.pendingTransaction().get()).isPresent()) {
                return done(Optional.empty());
            }
            Optional<Member> self = chain.findMember(chain.account());
            if (self.isEmpty()) {
                return new CommandOutcome.Retry("this node's account " + chain.account() + " is not a member of the "
                        + "consortium yet: the consortium administrator registers it", Optional.empty());
            }
            if (Arrays.equals(self.get().prePublicKey(), publicKey) && self.get().endpoint().equals(endpoint)) {
                return done(Optional.empty());
            }
            return done(Optional.of(chain.updateOwnProfile(endpoint, publicKey).transactionHash()));
        } catch (LedgerUnavailableException e) {
            return new CommandOutcome.Retry(e.getMessage(), e.pendingTransaction().or(command::pendingTransaction));
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), command.pendingTransaction());
        }
    }

    @Override
    public void completed(String fingerprint, CommandOutcome.Done done) {
        // the chain is the record of what was published; nothing to keep on the node
    }

    private static CommandOutcome done(Optional<Bytes32> transaction) {
        return new CommandOutcome.Done(transaction, null, Instant.now());
    }
}
