package org.custodia.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.ledger.api.TransactionState;
import org.custodia.nodeapi.NodeApiSettings;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Publishing the hospital's endpoint and key: sent only when the chain holds something else, repeated safely. The
 * chain is a stand-in answering the four calls the command makes (the connector's own tests cover the contract).
 */
class OwnProfileCommandTest {

    private static final LedgerAddress US = LedgerAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:8080/custodia");
    private static final byte[] KEY = new byte[146];
    private static final PendingCommand COMMAND = new PendingCommand(OwnProfileCommand.KIND, "ab", 0,
            Optional.empty());

    private final List<String> sent = new ArrayList<>();
    private Member onChain = member(new byte[0], URI.create("http://old.example/custodia"));
    private boolean down;
    private TransactionState pendingState = TransactionState.UNKNOWN;

    @Test
    void publishesWhatTheChainDoesNotHoldYet() {
        CommandOutcome.Done done = assertInstanceOf(CommandOutcome.Done.class,
                new OwnProfileCommand().publish(chain(), ENDPOINT, KEY, COMMAND));
        assertTrue(done.transaction().isPresent());
        assertEquals(List.of("updateOwnProfile " + ENDPOINT), sent);
    }

    /** Members would call it in the clear (or not reach it): a public URL not fit for other nodes is not published. */
    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5:8080/custodia", "https://operator@ehr.example/custodia", "not a url"})
    void aPublicUrlOtherNodesMustNotUseIsNotPublishedAndTheRetrySaysWhy(String publicUrl) {
        OwnProfileCommand command = new OwnProfileCommand();
        Beans.inject(command, OwnProfileCommand.class, "publicUrl", publicUrl);
        Beans.inject(command, OwnProfileCommand.class, "nodeApi", new NodeApiSettings(publicUrl, 60, 65_536));
        // answers nothing: any call to the chain would fail the test
        Beans.inject(command, OwnProfileCommand.class, "ledger", new FakeChain());

        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class, command.carryOut(COMMAND));

        assertTrue(retry.reason().startsWith("custodia.node.public-url "), retry.reason());
    }

    @Test
    void sendsNothingWhenTheChainAlreadyHoldsEndpointAndKey() {
        onChain = member(KEY, ENDPOINT);
        assertInstanceOf(CommandOutcome.Done.class, new OwnProfileCommand().publish(chain(), ENDPOINT, KEY, COMMAND));
        assertEquals(List.of(), sent);
    }

    @Test
    void aNewEndpointIsPublishedWithTheSameKey() {
        onChain = member(KEY, URI.create("https://old.example/custodia"));
        assertInstanceOf(CommandOutcome.Done.class, new OwnProfileCommand().publish(chain(), ENDPOINT, KEY, COMMAND));
        assertEquals(List.of("updateOwnProfile " + ENDPOINT), sent);
    }

    /**
     * A node that came up on another database (a wrong pool URL) has made a key of its own there: published over the
     * real one, it had custodians issue re-keys for a key the hospital's real database does not hold.
     */
    @Test
    void anotherKeyPublishedForThisAccountIsNeverReplaced() {
        byte[] published = new byte[146];
        published[0] = 1;
        onChain = member(published, ENDPOINT);
        CommandOutcome.Conflict conflict = assertInstanceOf(CommandOutcome.Conflict.class,
                new OwnProfileCommand().publish(chain(), URI.create("https://new.example/custodia"), KEY, COMMAND));
        assertEquals(List.of(), sent, "nothing sent, not even the new endpoint");
        assertTrue(conflict.reason().contains("never replaces its published key"), conflict.reason());
        assertTrue(conflict.reason().contains("updateMember with an empty key"), "and says what to do: "
                + conflict.reason());
    }

    @Test
    void aNodeThatIsNotAMemberYetRetriesAndSaysWhy() {
        onChain = null;
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class,
                new OwnProfileCommand().publish(chain(), ENDPOINT, KEY, COMMAND));
        assertTrue(retry.reason().contains("not a member"), retry.reason());
        assertEquals(List.of(), sent);
    }

    /** Sent again, both would be mined, and every member would reconcile its pairs with this node twice. */
    @Test
    void nothingIsSentWhileTheLastAttemptsTransactionWaitsToBeMined() {
        pendingState = TransactionState.PENDING;
        Bytes32 pending = Bytes32.of(new byte[32]);
        CommandOutcome.Retry retry = assertInstanceOf(CommandOutcome.Retry.class, new OwnProfileCommand().publish(
                chain(), ENDPOINT, KEY, new PendingCommand(OwnProfileCommand.KIND, "ab", 1, Optional.of(pending))));
        assertEquals(Optional.of(pending), retry.pendingTransaction());
        assertEquals(List.of(), sent);
    }

    /**
     * The last run's transaction was mined with the endpoint of then; the node restarted with a corrected one. What
     * the chain holds decides, not that a transaction was mined.
     */
    @Test
    void anEndpointChangedSinceTheMinedTransactionIsPublished() {
        pendingState = TransactionState.MINED;
        onChain = member(KEY, URI.create("https://old.example/custodia"));
        assertInstanceOf(CommandOutcome.Done.class, new OwnProfileCommand().publish(chain(), ENDPOINT, KEY,
                new PendingCommand(OwnProfileCommand.KIND, "ab", 1, Optional.of(Bytes32.of(new byte[32])))));
        assertEquals(List.of("updateOwnProfile " + ENDPOINT), sent);
    }

    @Test
    void aChainThatIsDownMeansRetry() {
        down = true;
        assertInstanceOf(CommandOutcome.Retry.class, new OwnProfileCommand().publish(chain(), ENDPOINT, KEY, COMMAND));
    }

    private static Member member(byte[] key, URI endpoint) {
        return new Member(US, MemberRole.HOSPITAL, "Hospital A", endpoint, key, Instant.EPOCH);
    }

    private LedgerConnection chain() {
        return (LedgerConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LedgerConnection.class}, (proxy, method, arguments) -> {
                    if (down && !method.getName().equals("account")) {
                        throw new LedgerUnavailableException("the chain node is not answering", null);
                    }
                    switch (method.getName()) {
                        case "account":
                            return US;
                        case "findMember":
                            return Optional.ofNullable(onChain);
                        case "transactionState":
                            return pendingState;
                        case "updateOwnProfile":
                            sent.add("updateOwnProfile " + arguments[0]);
                            return new TransactionResult(Bytes32.of(new byte[32]), 7L, Bytes32.of(new byte[32]));
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
