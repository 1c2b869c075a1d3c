package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.NodeRole;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Members' roles come from the consortium registry; a chain that cannot be asked refuses nothing silently. */
class ChainMembershipTest {

    private static final String HOSPITAL_A = "0x5b38da6a701c568545dcfcb03fcb875f56beddc4";
    private static final String PROXY = "0xab8483f64d9c6d1ecf9b849ae677dd3315835cb2";
    private static final String OUTSIDER = "0x4b20993bc481177ec7e8f571cecae8a9e22c02db";

    private final Map<LedgerAddress, MemberRole> registry = Map.of(
            LedgerAddress.fromHex(HOSPITAL_A), MemberRole.HOSPITAL,
            LedgerAddress.fromHex(PROXY), MemberRole.PROXY);
    private final StubLedger ledger = new StubLedger().answering("findMember", arguments -> {
        LedgerAddress account = (LedgerAddress) arguments[0];
        return Optional.ofNullable(registry.get(account)).map(role -> Member.toRegister(account, role, "A member",
                URI.create("https://member.example.org/custodia"), null));
    });

    @ParameterizedTest
    @EnumSource(MemberRole.class)
    void everyRegistryRoleIsTheNodeRoleOfTheSameName(MemberRole role) {
        assertEquals(role.name(), ChainMembership.nodeRole(role).name());
    }

    @Test
    void membersHaveTheirRegisteredRoleAndOthersNone() {
        ChainMembership membership = new ChainMembership(ledger);

        assertEquals(Optional.of(NodeRole.HOSPITAL), membership.roleOf(HOSPITAL_A));
        assertEquals(Optional.of(NodeRole.PROXY), membership.roleOf(PROXY));
        assertEquals(Optional.empty(), membership.roleOf(OUTSIDER));
        assertEquals(0, ledger.openConnections(), "every connection went back to the pool");
    }

    @Test
    void aChainNodeThatDoesNotAnswerIsADependencyFailure() {
        ChainMembership membership = new ChainMembership(ledger.answering("findMember", arguments -> {
            throw new LedgerUnavailableException("no answer from http://127.0.0.1:8545", null);
        }));

        DependencyUnavailableException failure = assertThrows(DependencyUnavailableException.class,
                () -> membership.roleOf(HOSPITAL_A));

        assertTrue(failure.getMessage().contains(HOSPITAL_A + " is a consortium member"), failure.getMessage());
        assertEquals(0, ledger.openConnections());
    }

    @Test
    void aConnectorWithoutConnectionsIsADependencyFailure() {
        ChainMembership membership = new ChainMembership(ledger.refusingConnections(
                new LedgerUnavailableException("the pool is exhausted", null)));

        assertThrows(DependencyUnavailableException.class, () -> membership.roleOf(HOSPITAL_A));
    }
}
