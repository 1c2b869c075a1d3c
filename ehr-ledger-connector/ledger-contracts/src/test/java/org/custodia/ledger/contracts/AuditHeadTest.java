package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.Ids.ZERO;
import static org.custodia.ledger.contracts.Ids.id;
import static org.custodia.ledger.testing.TestAccount.customError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.custodia.ledger.contracts.generated.RecordRegistry;
import org.custodia.ledger.contracts.generated.RecordRegistry.AuditHead;
import org.custodia.ledger.deploy.MemberRole;
import org.custodia.ledger.testing.AnvilExtension;
import org.custodia.ledger.testing.AnvilNode;
import org.custodia.ledger.testing.DeployedContracts;
import org.custodia.ledger.testing.TestAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The record registry's audit heads: each member anchors its own audit trail's head, sequences only increasing. */
class AuditHeadTest {

    @RegisterExtension
    static final AnvilExtension anvil = new AnvilExtension();
    private DeployedContracts contracts;
    private TestAccount admin;
    private TestAccount hospital;
    private TestAccount otherHospital;
    private TestAccount proxy;
    private TestAccount stranger;

    @BeforeEach
    void deploy() {
        AnvilNode node = anvil.node();
        contracts = DeployedContracts.deploy(node, List.of(DeployedContracts.memberSpec(node, 1, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(node, 2, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(node, 3, MemberRole.PROXY)));
        admin = new TestAccount(contracts, 0);
        hospital = new TestAccount(contracts, 1);
        otherHospital = new TestAccount(contracts, 2);
        proxy = new TestAccount(contracts, 3);
        stranger = new TestAccount(contracts, 4);
    }

    @AfterEach
    void disconnect() {
        contracts.close();
    }

    @Test
    void aMemberAnchorsItsHeadWhichAnyoneReadsBackWithItsBlock() throws Exception {
        TransactionReceipt receipt = hospital.records().anchorAuditHead(BigInteger.valueOf(42), id("head-42")).send();

        assertEquals(BigInteger.ONE, stranger.records().auditHeadCount(hospital.address()).send());
        AuditHead head = stranger.records().getAuditHead(hospital.address(), BigInteger.ZERO).send();
        assertEquals(BigInteger.valueOf(42), head.sequence);
        assertArrayEquals(id("head-42"), head.entryHash);
        assertEquals(receipt.getBlockNumber(), head.blockNumber);
        assertTrue(head.anchoredAt.signum() > 0);
        assertEquals(BigInteger.ZERO, stranger.records().auditHeadCount(otherHospital.address()).send(),
                "heads are kept per member");
    }

    @Test
    void theAnchorIsAnnouncedWithTheMemberSequenceAndHash() throws Exception {
        TransactionReceipt receipt = proxy.records().anchorAuditHead(BigInteger.valueOf(7), id("head-7")).send();

        RecordRegistry.AuditHeadAnchoredEventResponse event =
                RecordRegistry.getAuditHeadAnchoredEvents(receipt).get(0);
        assertEquals(proxy.address(), event.member);
        assertEquals(BigInteger.valueOf(7), event.sequence);
        assertArrayEquals(id("head-7"), event.entryHash);
    }

    @Test
    void hospitalsAndProxiesAnchorButNonMembersAreRefused() throws Exception {
        hospital.records().anchorAuditHead(BigInteger.ONE, id("h1")).send();
        proxy.records().anchorAuditHead(BigInteger.ONE, id("p1")).send();
        stranger.recordsRefuse(customError("NotMember", new Address(stranger.address())),
                r -> r.anchorAuditHead(BigInteger.ONE, id("s1")));
        admin.recordsRefuse(customError("NotMember", new Address(admin.address())),
                r -> r.anchorAuditHead(BigInteger.ONE, id("a1")));

        admin.consortium().removeMember(hospital.address()).send();
        hospital.recordsRefuse(customError("NotMember", new Address(hospital.address())),
                r -> r.anchorAuditHead(BigInteger.TWO, id("h2")));
        assertEquals(BigInteger.ONE, stranger.records().auditHeadCount(hospital.address()).send(),
                "a former member's anchored heads stay readable");
        assertEquals(BigInteger.ZERO, stranger.records().auditHeadCount(stranger.address()).send());
    }

    @Test
    void sequencesOfOneMemberMustIncrease() throws Exception {
        hospital.records().anchorAuditHead(BigInteger.valueOf(10), id("h10")).send();

        hospital.recordsRefuse(customError("AuditSequenceNotIncreasing", new Uint64(10), new Uint64(10)),
                r -> r.anchorAuditHead(BigInteger.valueOf(10), id("rewritten")));
        hospital.recordsRefuse(customError("AuditSequenceNotIncreasing", new Uint64(9), new Uint64(10)),
                r -> r.anchorAuditHead(BigInteger.valueOf(9), id("h9")));
        otherHospital.records().anchorAuditHead(BigInteger.valueOf(3), id("o3")).send();
        hospital.records().anchorAuditHead(BigInteger.valueOf(11), id("h11")).send();

        assertEquals(BigInteger.TWO, admin.records().auditHeadCount(hospital.address()).send());
        assertArrayEquals(id("h10"), admin.records().getAuditHead(hospital.address(), BigInteger.ZERO).send().entryHash,
                "the refused rewrite changed nothing");
        assertEquals(BigInteger.valueOf(11),
                admin.records().getAuditHead(hospital.address(), BigInteger.ONE).send().sequence);
    }

    @Test
    void anAnchorNeedsASequenceAndAHash() {
        hospital.recordsRefuse(customError("MissingField", new Utf8String("sequence")),
                r -> r.anchorAuditHead(BigInteger.ZERO, id("h0")));
        hospital.recordsRefuse(customError("MissingField", new Utf8String("entryHash")),
                r -> r.anchorAuditHead(BigInteger.ONE, ZERO));
    }

    @Test
    void readingPastTheNewestHeadIsRefused() throws Exception {
        stranger.recordsViewRefuses(customError("UnknownAuditHead", new Address(hospital.address()), new Uint256(0)),
                r -> r.getAuditHead(hospital.address(), BigInteger.ZERO));
        hospital.records().anchorAuditHead(BigInteger.ONE, id("h1")).send();
        stranger.recordsViewRefuses(customError("UnknownAuditHead", new Address(hospital.address()), new Uint256(1)),
                r -> r.getAuditHead(hospital.address(), BigInteger.ONE));
    }
}
