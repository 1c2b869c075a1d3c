package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.PersistenceException;

import org.custodia.access.Actor;
import org.custodia.access.AuditedCallRunner;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Given;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.StaffRole;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Issued;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerUnavailableException;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.TransactionResult;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.Test;

/**
 * A consent change whose transaction was mined has happened, whatever follows: it is audited as succeeded and
 * answered, also when noting it on this node or reading it back fails; one the chain node did not confirm names its
 * transaction. The chain is a fake connection (no chain node runs here), the node's index and patients stand-ins.
 */
class ConsentServiceTest {

    private static final LedgerAddress THIS_HOSPITAL = LedgerAddress.fromHex("0x" + "a1".repeat(20));
    private static final LedgerAddress OTHER_HOSPITAL = LedgerAddress.fromHex("0x" + "b2".repeat(20));
    private static final Actor PHYSICIAN = new Actor("d.ross", Set.of(StaffRole.PHYSICIAN));
    private static final Bytes32 TRANSACTION = Bytes32.fromHex("0x" + "7e".repeat(32));

    private final PatientCustody patient = new PatientCustody(UUID.randomUUID(), new Pseudonym("d4".repeat(32)),
            new WrappedKeyPair() {
            });
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final List<String> noted = new ArrayList<>();
    private final FakeChain chain = new FakeChain()
            .answering("account", arguments -> THIS_HOSPITAL)
            .answering("findMember", arguments -> Optional.of(new Member(OTHER_HOSPITAL, MemberRole.HOSPITAL,
                    "Hospital B", URI.create("https://b.example/custodia"), new byte[] {1}, Instant.EPOCH)));
    private boolean indexFails;

    @Test
    void aMinedGrantIsAuditedAsSucceededAndAnsweredWhenReadingItBackFails() throws Exception {
        chain.answering("grant", arguments -> new Issued(17, mined()))
                .answering("findGrant", arguments -> {
                    throw new LedgerUnavailableException("chain node did not answer", null);
                });
        Instant expiresAt = Instant.now().plus(Duration.ofDays(30));

        GrantDetails granted = grant(expiresAt);

        assertEquals(17, granted.id());
        assertEquals(OTHER_HOSPITAL.toString(), granted.grantee());
        assertEquals(expiresAt, granted.expiresAt());
        assertEquals("active", granted.status());
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.SUCCEEDED, entry.outcome());
        assertTrue(entry.detail().startsWith("grant 17 to " + OTHER_HOSPITAL), entry.detail());
        assertEquals(List.of("remember GRANT 17", "look now GRANT 17"), noted, "its re-key is delivered at once");
    }

    @Test
    void aMinedGrantIsAuditedAsSucceededWhenNotingItOnThisNodeFails() throws Exception {
        indexFails = true;
        chain.answering("grant", arguments -> new Issued(18, mined()))
                .answering("findGrant", arguments -> Optional.empty());

        assertEquals(18, grant(Instant.now().plus(Duration.ofDays(30))).id());
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
    }

    @Test
    void aGrantTheChainNodeDidNotConfirmNamesItsTransactionWhichMayStillTakeEffect() {
        chain.answering("grant", arguments -> {
            throw new LedgerUnavailableException("the transaction to grant was handed to the node and may still be "
                    + "mined", TRANSACTION, null);
        });

        DependencyUnavailableException e = assertThrows(DependencyUnavailableException.class,
                () -> grant(Instant.now().plus(Duration.ofDays(30))));

        assertTrue(e.getMessage().contains(TRANSACTION.toString()) && e.getMessage().contains("may still take effect"),
                e.getMessage());
        AuditRecord entry = audit.only();
        assertEquals(AuditOutcome.FAILED, entry.outcome());
        assertTrue(entry.detail().contains(TRANSACTION.toString()), entry.detail());
        assertTrue(noted.isEmpty());
    }

    @Test
    void aDeclaredEmergencyIsAuditedAsSucceededAndAnsweredWhenItCannotBeReadBack() throws Exception {
        chain.answering("declareEmergencyAccess", arguments -> new Issued(5, mined()))
                .answering("findEmergencyAccess", arguments -> {
                    throw new LedgerUnavailableException("chain node did not answer", null);
                });

        EmergencyAccessDetails declared = AuditedCallRunner.run(audit, PHYSICIAN,
                AuditedAction.EMERGENCY_ACCESS_DECLARE, patient.patientId().toString(),
                () -> service().declareEmergency(Given.of(patient.patientId()), 1));

        assertEquals(5, declared.id());
        assertTrue(declared.active());
        assertNull(declared.expiresAt(), "the contract sets it; the chain's event notes it here");
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
        assertTrue(audit.only().detail().startsWith("emergency access 5"), audit.only().detail());
    }

    private GrantDetails grant(Instant expiresAt) throws Exception {
        return AuditedCallRunner.run(audit, PHYSICIAN, AuditedAction.GRANT_CREATE, patient.patientId().toString(),
                () -> service().grant(Given.of(patient.patientId()), OTHER_HOSPITAL.toString(),
                        new ScopeRequest("all", null, null), "treatment", Given.of(expiresAt)));
    }

    private static TransactionResult mined() {
        return new TransactionResult(TRANSACTION, 42, TRANSACTION);
    }

    private ConsentService service() {
        ConsentService service = new ConsentService();
        Beans.inject(service, ConsentService.class, "ledger", chain);
        Beans.inject(service, ConsentService.class, "patients", new PatientRegistry() {
            @Override
            public PatientCustody custody(UUID id) {
                return patient;
            }

            @Override
            public Optional<PatientCustody> custodyOf(Pseudonym pseudonym) {
                return Optional.of(patient);
            }
        });
        Beans.inject(service, ConsentService.class, "refs", new ConsentRefs() {
            @Override
            public void remember(ConsentKind kind, long chainId, Direction direction, String patientPseudonym,
                    String counterpart, Instant expiresAt) {
                if (indexFails) {
                    throw new PersistenceException("the database refuses writes");
                }
                noted.add("remember " + kind + " " + chainId);
            }
        });
        Beans.inject(service, ConsentService.class, "schedule", new ConsentSchedule() {
            @Override
            public void lookNow(ConsentKind kind, long chainId) {
                noted.add("look now " + kind + " " + chainId);
            }
        });
        Beans.inject(service, ConsentService.class, "settings", new NodeSettings("hospital", "Hospital A", "/tmp",
                "/tmp/filestore", "http://127.0.0.1:1", 0));
        return service;
    }
}
