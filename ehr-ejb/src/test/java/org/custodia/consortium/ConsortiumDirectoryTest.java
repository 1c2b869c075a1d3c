package org.custodia.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.custodia.access.Actor;
import org.custodia.access.AuditedCallRunner;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.StaffRole;
import org.custodia.keys.WrappedKeyPair;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.AnchoredRecord;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.Grant;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.RecordAnchor;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;
import org.custodia.records.RecordService;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.Test;

/**
 * A patient's records across the consortium, with this node's access to each as the chain says. The chain is a fake
 * connection (no chain node runs here), the patients and the records kept here stand-ins.
 */
class ConsortiumDirectoryTest {

    private static final LedgerAddress THIS_HOSPITAL = LedgerAddress.fromHex("0x" + "a1".repeat(20));
    private static final LedgerAddress OTHER_HOSPITAL = LedgerAddress.fromHex("0x" + "b2".repeat(20));
    private static final Bytes32 PSEUDONYM = Bytes32.fromHex("d4".repeat(32));

    private final PatientCustody patient = new PatientCustody(UUID.randomUUID(), new Pseudonym("d4".repeat(32)),
            new WrappedKeyPair() {
            });
    private final Instant expiresAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
    private final List<Bytes32> records = List.of(recordId(1), recordId(2), recordId(3));
    private final FakeChain chain = new FakeChain()
            .answering("account", arguments -> THIS_HOSPITAL)
            .answering("members", arguments -> List.of())
            .answering("recordsOfPatient", arguments -> records)
            .answering("findRecord", arguments -> Optional.of(new AnchoredRecord(new RecordAnchor(
                    (Bytes32) arguments[0], PSEUDONYM, Bytes32.fromHex("ee".repeat(32)), new Category("laboratory"),
                    "application/pdf", Optional.empty()), OTHER_HOSPITAL, Instant.EPOCH)))
            .answering("checkAccess", arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 5))
            .answering("findGrant", arguments -> Optional.of(new Grant(5, AccessScope.allRecords(PSEUDONYM),
                    OTHER_HOSPITAL, THIS_HOSPITAL, "TREATMENT", Instant.EPOCH, expiresAt, Optional.empty(),
                    OptionalLong.empty())));

    @Test
    void aGrantCoveringManyRecordsIsReadOnceForItsExpiry() throws Exception {
        List<ConsortiumRecord> listed = AuditedCallRunner.run(new RecordingAuditTrail(),
                new Actor("d.ross", Set.of(StaffRole.PHYSICIAN)), AuditedAction.CONSORTIUM_RECORDS_READ,
                patient.patientId().toString(), () -> directory().recordsOf(patient.patientId()));

        assertEquals(3, listed.size());
        listed.forEach(record -> assertEquals(new ReadAccess(AccessBasis.Kind.GRANT, 5L, expiresAt, null),
                record.access()));
        assertEquals(1, chain.events().stream().filter("findGrant"::equals).count());
        assertEquals(3, chain.events().stream().filter("checkAccess"::equals).count(),
                "each record's access is still the chain's word");
    }

    private ConsortiumDirectory directory() {
        ConsortiumDirectory directory = new ConsortiumDirectory();
        Beans.inject(directory, ConsortiumDirectory.class, "ledger", chain);
        Beans.inject(directory, ConsortiumDirectory.class, "patients", new PatientRegistry() {
            @Override
            public PatientCustody custody(UUID id) {
                return patient;
            }
        });
        Beans.inject(directory, ConsortiumDirectory.class, "kept", new RecordService() {
            @Override
            public boolean keeps(String recordId) {
                return false;
            }
        });
        Beans.inject(directory, ConsortiumDirectory.class, "settings", new NodeSettings("hospital", "Hospital A",
                "/tmp", "/tmp/filestore", "http://127.0.0.1:1", 0));
        return directory;
    }

    private static Bytes32 recordId(int n) {
        return Bytes32.fromHex(String.format("%064x", n));
    }
}
