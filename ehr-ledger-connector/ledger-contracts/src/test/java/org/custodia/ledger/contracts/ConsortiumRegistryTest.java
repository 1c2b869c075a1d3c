package org.custodia.ledger.contracts;

import static org.custodia.ledger.testing.TestAccount.customError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry;
import org.custodia.ledger.contracts.generated.ConsortiumRegistry.Member;
import org.custodia.ledger.testing.AnvilExtension;
import org.custodia.ledger.testing.DeployedContracts;
import org.custodia.ledger.testing.TestAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class ConsortiumRegistryTest {

    private static final BigInteger HOSPITAL = BigInteger.ONE;
    private static final BigInteger PROXY = BigInteger.TWO;
    private static final byte[] KEY = {1, 2, 3, 4};

    @RegisterExtension
    static final AnvilExtension anvil = new AnvilExtension();
    private DeployedContracts contracts;
    private TestAccount admin;
    private TestAccount hospital;
    private TestAccount proxy;
    private TestAccount stranger;

    @BeforeEach
    void deploy() {
        contracts = DeployedContracts.deploy(anvil.node(), List.of());
        admin = new TestAccount(contracts, 0);
        hospital = new TestAccount(contracts, 1);
        proxy = new TestAccount(contracts, 2);
        stranger = new TestAccount(contracts, 3);
    }

    @AfterEach
    void disconnect() {
        contracts.close();
    }

    @Test
    void deployerIsTheAdministrator() throws Exception {
        assertEquals(admin.address(), admin.consortium().admin().send());
        assertTrue(admin.consortium().memberAccounts().send().isEmpty());
    }

    @Test
    void addMemberRegistersTheMemberAndAnnouncesIt() throws Exception {
        TransactionReceipt receipt = admin.consortium()
                .addMember(hospital.address(), HOSPITAL, "St Mary", "https://st-mary.test", KEY).send();

        Member member = stranger.consortium().getMember(hospital.address()).send();
        assertEquals(hospital.address(), member.account);
        assertEquals(HOSPITAL, member.role);
        assertEquals("St Mary", member.displayName);
        assertEquals("https://st-mary.test", member.endpoint);
        assertArrayEquals(KEY, member.prePublicKey);
        assertTrue(member.registeredAt.signum() > 0);
        assertTrue(stranger.consortium().isMember(hospital.address()).send());
        assertEquals(HOSPITAL, stranger.consortium().roleOf(hospital.address()).send());
        assertEquals(List.of(hospital.address()), stranger.consortium().memberAccounts().send());

        ConsortiumRegistry.MemberAddedEventResponse event =
                ConsortiumRegistry.getMemberAddedEvents(receipt).get(0);
        assertEquals(hospital.address(), event.account);
        assertEquals(HOSPITAL, event.role);
        assertEquals("St Mary", event.displayName);
        assertEquals("https://st-mary.test", event.endpoint);
        assertArrayEquals(KEY, event.prePublicKey);
    }

    @Test
    void aProxyMayRegisterWithoutPublicKey() throws Exception {
        admin.consortium().addMember(proxy.address(), PROXY, "Exchange", "https://exchange.test", new byte[0]).send();

        assertEquals(PROXY, stranger.consortium().roleOf(proxy.address()).send());
        assertEquals(0, stranger.consortium().getMember(proxy.address()).send().prePublicKey.length);
    }

    @Test
    void nonMembersHaveNoRole() throws Exception {
        assertFalse(admin.consortium().isMember(stranger.address()).send());
        assertEquals(BigInteger.ZERO, admin.consortium().roleOf(stranger.address()).send());
        admin.consortiumViewRefuses(customError("NotMember", new Address(stranger.address())),
                c -> c.getMember(stranger.address()));
    }

    @Test
    void addMemberRefusesInvalidRegistrations() throws Exception {
        addHospital();
        String account = proxy.address();
        hospital.consortiumRefuses(customError("NotAdmin"),
                c -> c.addMember(account, PROXY, "Exchange", "https://x.test", KEY));
        admin.consortiumRefuses(customError("AlreadyMember", new Address(hospital.address())),
                c -> c.addMember(hospital.address(), HOSPITAL, "Again", "https://x.test", KEY));
        admin.consortiumRefuses(customError("InvalidRole", new Uint8(0)),
                c -> c.addMember(account, BigInteger.ZERO, "Exchange", "https://x.test", KEY));
        admin.consortiumRefuses(customError("InvalidRole", new Uint8(3)),
                c -> c.addMember(account, BigInteger.valueOf(3), "Exchange", "https://x.test", KEY));
        admin.consortiumRefuses(customError("MissingField", new Utf8String("account")),
                c -> c.addMember(Address.DEFAULT.getValue(), PROXY, "Exchange", "https://x.test", KEY));
        admin.consortiumRefuses(customError("MissingField", new Utf8String("displayName")),
                c -> c.addMember(account, PROXY, "", "https://x.test", KEY));
        admin.consortiumRefuses(customError("MissingField", new Utf8String("endpoint")),
                c -> c.addMember(account, PROXY, "Exchange", "", KEY));
        admin.consortiumRefuses(
                customError("FieldTooLong", new Utf8String("displayName"), new Uint256(128)),
                c -> c.addMember(account, PROXY, "n".repeat(129), "https://x.test", KEY));
        admin.consortiumRefuses(customError("FieldTooLong", new Utf8String("endpoint"), new Uint256(256)),
                c -> c.addMember(account, PROXY, "Exchange", "e".repeat(257), KEY));
        admin.consortiumRefuses(customError("FieldTooLong", new Utf8String("prePublicKey"), new Uint256(512)),
                c -> c.addMember(account, PROXY, "Exchange", "https://x.test", new byte[513]));

        assertEquals(List.of(hospital.address()), admin.consortium().memberAccounts().send());
        assertEquals("St Mary", admin.consortium().getMember(hospital.address()).send().displayName);
    }

    @Test
    void updateMemberReplacesTheProfileAndKeepsTheRole() throws Exception {
        addHospital();
        TransactionReceipt receipt = admin.consortium()
                .updateMember(hospital.address(), "St Mary North", "https://north.test", new byte[] {9}).send();

        Member member = admin.consortium().getMember(hospital.address()).send();
        assertEquals("St Mary North", member.displayName);
        assertEquals("https://north.test", member.endpoint);
        assertArrayEquals(new byte[] {9}, member.prePublicKey);
        assertEquals(HOSPITAL, member.role);
        ConsortiumRegistry.MemberUpdatedEventResponse event =
                ConsortiumRegistry.getMemberUpdatedEvents(receipt).get(0);
        assertEquals(hospital.address(), event.account);
        assertEquals("St Mary North", event.displayName);
        assertEquals("https://north.test", event.endpoint);
        assertArrayEquals(new byte[] {9}, event.prePublicKey);
    }

    @Test
    void updateMemberRefusals() throws Exception {
        addHospital();
        hospital.consortiumRefuses(customError("NotAdmin"),
                c -> c.updateMember(hospital.address(), "Mine", "https://x.test", KEY));
        admin.consortiumRefuses(customError("NotMember", new Address(stranger.address())),
                c -> c.updateMember(stranger.address(), "Nobody", "https://x.test", KEY));
        admin.consortiumRefuses(customError("MissingField", new Utf8String("displayName")),
                c -> c.updateMember(hospital.address(), "", "https://x.test", KEY));
        admin.consortiumRefuses(customError("MissingField", new Utf8String("endpoint")),
                c -> c.updateMember(hospital.address(), "St Mary", "", KEY));

        assertEquals("https://st-mary.test", admin.consortium().getMember(hospital.address()).send().endpoint);
    }

    @Test
    void aMemberMaintainsItsOwnEndpointAndKey() throws Exception {
        admin.consortium().addMember(hospital.address(), HOSPITAL, "St Mary", "https://st-mary.test", new byte[0])
                .send();
        TransactionReceipt receipt = hospital.consortium().updateOwnProfile("https://new.test", KEY).send();

        Member member = admin.consortium().getMember(hospital.address()).send();
        assertEquals("St Mary", member.displayName);
        assertEquals("https://new.test", member.endpoint);
        assertArrayEquals(KEY, member.prePublicKey);
        assertEquals(hospital.address(), ConsortiumRegistry.getMemberUpdatedEvents(receipt).get(0).account);

        stranger.consortiumRefuses(customError("NotMember", new Address(stranger.address())),
                c -> c.updateOwnProfile("https://evil.test", KEY));
        hospital.consortiumRefuses(customError("MissingField", new Utf8String("endpoint")),
                c -> c.updateOwnProfile("", KEY));
        hospital.consortiumRefuses(customError("FieldTooLong", new Utf8String("prePublicKey"), new Uint256(512)),
                c -> c.updateOwnProfile("https://new.test", new byte[513]));
        assertEquals("https://new.test", admin.consortium().getMember(hospital.address()).send().endpoint);
    }

    @Test
    void removeMemberRevokesMembershipAndKeepsTheOthersListed() throws Exception {
        addHospital();
        admin.consortium().addMember(proxy.address(), PROXY, "Exchange", "https://exchange.test", KEY).send();
        admin.consortium().addMember(stranger.address(), HOSPITAL, "Clinic", "https://clinic.test", KEY).send();

        TransactionReceipt receipt = admin.consortium().removeMember(hospital.address()).send();

        assertFalse(admin.consortium().isMember(hospital.address()).send());
        assertEquals(BigInteger.ZERO, admin.consortium().roleOf(hospital.address()).send());
        assertEquals(List.of(stranger.address(), proxy.address()), admin.consortium().memberAccounts().send());
        assertEquals(hospital.address(), ConsortiumRegistry.getMemberRemovedEvents(receipt).get(0).account);
        admin.consortiumViewRefuses(customError("NotMember", new Address(hospital.address())),
                c -> c.getMember(hospital.address()));

        admin.consortium().addMember(hospital.address(), PROXY, "St Mary Exchange", "https://sm.test", KEY).send();
        assertEquals(PROXY, admin.consortium().roleOf(hospital.address()).send());
    }

    @Test
    void allMembersIsTheWholeDirectoryAsItStandsNow() throws Exception {
        assertTrue(admin.consortium().allMembers().send().isEmpty());
        addHospital();
        admin.consortium().addMember(proxy.address(), PROXY, "Exchange", "https://exchange.test", new byte[0]).send();
        admin.consortium().addMember(stranger.address(), HOSPITAL, "Clinic", "https://clinic.test", KEY).send();
        admin.consortium().updateMember(stranger.address(), "Clinic North", "https://north.test", new byte[] {7})
                .send();
        admin.consortium().removeMember(hospital.address()).send();

        List<Member> all = stranger.consortium().allMembers().send();
        assertEquals(admin.consortium().memberAccounts().send(), all.stream().map(m -> m.account).toList());
        for (Member listed : all) {
            Member single = admin.consortium().getMember(listed.account).send();
            assertEquals(single.role, listed.role);
            assertEquals(single.displayName, listed.displayName);
            assertEquals(single.endpoint, listed.endpoint);
            assertArrayEquals(single.prePublicKey, listed.prePublicKey);
            assertEquals(single.registeredAt, listed.registeredAt);
        }
        Member clinic = all.stream().filter(m -> m.account.equals(stranger.address())).findFirst().orElseThrow();
        assertEquals("Clinic North", clinic.displayName);
        assertArrayEquals(new byte[] {7}, clinic.prePublicKey);
        assertEquals(PROXY, all.stream().filter(m -> m.account.equals(proxy.address())).findFirst().orElseThrow()
                .role);
    }

    @Test
    void removeMemberRefusals() throws Exception {
        addHospital();
        hospital.consortiumRefuses(customError("NotAdmin"), c -> c.removeMember(hospital.address()));
        admin.consortiumRefuses(customError("NotMember", new Address(stranger.address())),
                c -> c.removeMember(stranger.address()));
        assertTrue(admin.consortium().isMember(hospital.address()).send());
    }

    @Test
    void transferAdminHandsOverAdministration() throws Exception {
        TransactionReceipt receipt = admin.consortium().transferAdmin(stranger.address()).send();

        assertEquals(stranger.address(), admin.consortium().admin().send());
        ConsortiumRegistry.AdminTransferredEventResponse event =
                ConsortiumRegistry.getAdminTransferredEvents(receipt).get(0);
        assertEquals(admin.address(), event.previousAdmin);
        assertEquals(stranger.address(), event.newAdmin);
        admin.consortiumRefuses(customError("NotAdmin"),
                c -> c.addMember(hospital.address(), HOSPITAL, "St Mary", "https://st-mary.test", KEY));
        stranger.consortium().addMember(hospital.address(), HOSPITAL, "St Mary", "https://st-mary.test", KEY).send();
        assertTrue(admin.consortium().isMember(hospital.address()).send());
    }

    @Test
    void transferAdminRefusals() throws Exception {
        hospital.consortiumRefuses(customError("NotAdmin"), c -> c.transferAdmin(hospital.address()));
        admin.consortiumRefuses(customError("MissingField", new Utf8String("newAdmin")),
                c -> c.transferAdmin(Address.DEFAULT.getValue()));
        assertEquals(admin.address(), admin.consortium().admin().send());
    }

    private void addHospital() throws Exception {
        admin.consortium().addMember(hospital.address(), HOSPITAL, "St Mary", "https://st-mary.test", KEY).send();
    }
}
