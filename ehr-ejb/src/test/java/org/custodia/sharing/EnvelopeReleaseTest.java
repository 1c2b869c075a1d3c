package org.custodia.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.PersistenceException;

import org.custodia.access.AccessDeniedException;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.Failure;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.SharingException;
import org.custodia.ledger.api.AccessBasis;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.Member;
import org.custodia.ledger.api.MemberRole;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.UnknownEntryException;
import org.custodia.nodeapi.ForwardedCall;
import org.custodia.nodeapi.NodeCallAuthenticator;
import org.custodia.nodeapi.NodeCallHeaders;
import org.custodia.nodeapi.NodeCallRefusedException;
import org.custodia.nodeapi.RefusalReason;
import org.custodia.nodeapi.VerifiedCaller;
import org.custodia.records.AnchorStatus;
import org.custodia.records.RecordDetails;
import org.custodia.records.RecordNotFoundException;
import org.custodia.records.RecordService;
import org.custodia.testing.Beans;
import org.custodia.testing.FakeChain;
import org.custodia.testing.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The custodian's release of an envelope to a proxy: only for an accessor whose own call to that proxy for that record
 * the proxy forwards, after its own chain check, and never for itself or for a member that is not a hospital. The
 * ledger connector, the record service and the forwarded call's signature check are stand-ins (no container, no chain
 * node runs in a unit test; the check has its own test); SharingIT runs the real ones.
 */
class EnvelopeReleaseTest {

    private static final String RECORD = "ab".repeat(32);
    private static final LedgerAddress SELF = LedgerAddress.fromHex("0x" + "11".repeat(20));
    private static final LedgerAddress HOSPITAL_B = LedgerAddress.fromHex("0x" + "22".repeat(20));
    private static final LedgerAddress PROXY = LedgerAddress.fromHex("0x" + "33".repeat(20));
    private static final VerifiedCaller PROXY_CALLER = new VerifiedCaller(PROXY.toString(), NodeRole.PROXY);
    private static final VerifiedCaller HOSPITAL_CALLER = new VerifiedCaller(HOSPITAL_B.toString(), NodeRole.HOSPITAL);

    /** Every member's endpoint in {@link #member}, so the proxy's API too. */
    private static final String PROXY_API = "http://127.0.0.1:1/custodia/node-api/v1";
    private static final NodeCallHeaders SIGNATURE = new NodeCallHeaders("sha-256=:x:", "sig=()", "sig=:y:");

    /** What a forwarded call's signature verifies to: stands in for the authenticator (NodeCallAuthenticatorTest). */
    private interface Signer {
        VerifiedCaller verify(ForwardedCall call) throws NodeCallRefusedException;
    }

    private Signer signer = call -> HOSPITAL_CALLER;
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final List<String> opened = new ArrayList<>();
    private final InputStream envelope = new ByteArrayInputStream(new byte[] {1, 2, 3});

    @Test
    void anEnvelopeLeavesForAHospitalTheChainAllows() throws Exception {
        EnvelopeRelease release = release(chain().answering("checkAccess",
                arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7)));

        assertSame(envelope, release.release(PROXY_CALLER, RECORD, HOSPITAL_B.toString(), askedBy(RECORD)));
        assertEquals(List.of(RECORD), opened);
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
        assertTrue(audit.only().detail().contains("grant 7"), audit.only().detail());
    }

    @Test
    void anEnvelopeWhoseReleaseCannotBeAuditedDoesNotLeaveAndIsClosed() throws Exception {
        boolean[] closed = {false};
        InputStream watched = new FilterInputStream(envelope) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        EnvelopeRelease release = release(chain().answering("checkAccess",
                arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7)));
        Beans.inject(release, EnvelopeRelease.class, "records", new RecordService() {
            @Override
            public InputStream openEnvelope(String recordId) {
                return watched;
            }
        });
        Beans.inject(release, EnvelopeRelease.class, "audit", new AuditTrail() {
            @Override
            public AuditRecord record(String actor, AuditedAction action, String subject, AuditOutcome outcome,
                    String detail) {
                if (outcome == AuditOutcome.SUCCEEDED) {
                    throw new PersistenceException("the database refuses writes");
                }
                return audit.record(actor, action, subject, outcome, detail);
            }
        });

        assertThrows(PersistenceException.class,
                () -> release.release(PROXY_CALLER, RECORD, HOSPITAL_B.toString(), askedBy(RECORD)));
        assertTrue(closed[0], "the envelope's stream is closed, not left to the collector");
        assertEquals(AuditOutcome.FAILED, audit.only().outcome());
    }

    @Test
    void aHospitalTheChainAllowsIsToldTheTitleAndTheReleaseAudited() {
        EnvelopeRelease release = release(chain().answering("checkAccess",
                arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7)));

        EnvelopeRelease.ReleasedMetadata metadata = release.metadata(HOSPITAL_CALLER, RECORD);

        assertEquals(new EnvelopeRelease.ReleasedMetadata(RECORD, "Electrolytes", Instant.EPOCH), metadata);
        assertEquals(AuditedAction.RECORD_METADATA_RELEASE.code(), audit.only().action());
        assertEquals(HOSPITAL_B.toString(), audit.only().actor());
        assertEquals(AuditOutcome.SUCCEEDED, audit.only().outcome());
    }

    @Test
    void noTitleIsToldToAHospitalTheChainDoesNotAllow() {
        EnvelopeRelease release = release(chain().answering("checkAccess", arguments -> {
            throw new NotAuthorizedException("NoGrant", "no grant");
        }));

        SharingException refused = assertThrows(SharingException.class,
                () -> release.metadata(HOSPITAL_CALLER, RECORD));
        assertEquals(Failure.NO_GRANT, refused.failure());
        assertEquals(List.of(), opened, "the record was not looked up");
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
    }

    /**
     * A record id the chain's registry does not know (never anchored, or not yet) is not found, as a record this node
     * does not keep: it was a chain outage (503, a warning in the log), for any member to cause at will.
     */
    @Test
    void aRecordTheChainDoesNotKnowIsNotFoundRatherThanTheChainUnavailable() {
        EnvelopeRelease release = release(chain().answering("checkAccess", arguments -> {
            throw new UnknownEntryException("UnknownRecord", "no such record");
        }));

        RecordNotFoundException metadata = assertThrows(RecordNotFoundException.class,
                () -> release.metadata(HOSPITAL_CALLER, RECORD));
        assertEquals("no record " + RECORD + " is anchored on chain", metadata.getMessage());
        assertThrows(RecordNotFoundException.class,
                () -> release.release(PROXY_CALLER, RECORD, HOSPITAL_B.toString(), askedBy(RECORD)));
        assertEquals(List.of(), opened);
        assertEquals(2, audit.entries().size());
        audit.entries().forEach(entry -> assertEquals(AuditOutcome.of(metadata), entry.outcome()));
    }

    @Test
    void nothingLeavesWhenTheChainDoesNotAllowTheAccessor() {
        EnvelopeRelease release = release(chain().answering("checkAccess", arguments -> {
            throw new NotAuthorizedException("NoGrant", "no grant");
        }));

        SharingException refused = assertThrows(SharingException.class,
                () -> release.release(PROXY_CALLER, RECORD, HOSPITAL_B.toString(), askedBy(RECORD)));
        assertEquals(Failure.NO_GRANT, refused.failure());
        assertEquals(List.of(), opened);
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
    }

    /** A proxy's word alone: the accessor it names must be shown to have asked it for this record. */
    @ParameterizedTest
    @ValueSource(strings = {
        "no call", "another record", "another proxy", "another endpoint", "refused", "another signer"
    })
    void nothingLeavesUnlessTheAccessorsOwnCallToTheProxyForTheRecordVerifies(String forwarded) {
        EnvelopeRelease release = release(chain().answering("checkAccess",
                arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7)));
        ForwardedCall asked = switch (forwarded) {
            case "no call" -> null;
            case "another record" -> askedBy("cd".repeat(32));
            case "another proxy" -> new ForwardedCall("http://127.0.0.2:1/custodia/node-api/v1/records/" + RECORD
                    + "/re-encryption", SIGNATURE);
            case "another endpoint" -> new ForwardedCall(PROXY_API + "/records/" + RECORD + "/metadata", SIGNATURE);
            default -> askedBy(RECORD);
        };
        if (forwarded.equals("refused")) {
            signer = call -> {
                throw new NodeCallRefusedException(RefusalReason.STALE, "created 300 s ago");
            };
        } else if (forwarded.equals("another signer")) {
            signer = call -> new VerifiedCaller(SELF.toString(), NodeRole.HOSPITAL);
        }

        AccessDeniedException refused = assertThrows(AccessDeniedException.class,
                () -> release.release(PROXY_CALLER, RECORD, HOSPITAL_B.toString(), asked));
        assertEquals(List.of(), opened, "the record was not opened");
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
        assertEquals(PROXY.toString(), audit.only().actor());
        assertTrue(audit.only().detail().equals(refused.getMessage()), audit.only().detail());
        if (forwarded.equals("refused")) {
            assertTrue(refused.getMessage().contains("stale"), refused.getMessage());
        }
    }

    @Test
    void theAccessorsCallMayNameTheRecordInAnyLetterCaseWithOrWithout0x() throws Exception {
        EnvelopeRelease release = release(chain().answering("checkAccess",
                arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7)));

        assertSame(envelope, release.release(PROXY_CALLER, RECORD, HOSPITAL_B.toString(),
                askedBy("0x" + RECORD.toUpperCase(Locale.ROOT))));
    }

    @Test
    void nothingLeavesForTheCustodianItselfThoughTheChainWouldAnswerCustodian() {
        EnvelopeRelease release = release(chain().answering("checkAccess",
                arguments -> new AccessBasis(AccessBasis.Kind.CUSTODIAN, 0)));
        signer = call -> new VerifiedCaller(SELF.toString(), NodeRole.HOSPITAL);

        assertThrows(AccessDeniedException.class,
                () -> release.release(PROXY_CALLER, RECORD, SELF.toString(), askedBy(RECORD)));
        assertEquals(List.of(), opened);
        assertEquals(AuditOutcome.REFUSED, audit.only().outcome());
    }

    @Test
    void nothingLeavesForAMemberThatIsNotAHospital() {
        EnvelopeRelease release = release(chain().answering("checkAccess",
                arguments -> new AccessBasis(AccessBasis.Kind.GRANT, 7)));

        // as if their calls had verified: the check on chain refuses them all the same
        signer = call -> new VerifiedCaller(PROXY.toString(), NodeRole.HOSPITAL);
        assertThrows(AccessDeniedException.class,
                () -> release.release(PROXY_CALLER, RECORD, PROXY.toString(), askedBy(RECORD)));
        signer = call -> new VerifiedCaller("0x" + "44".repeat(20), NodeRole.HOSPITAL);
        assertThrows(AccessDeniedException.class,
                () -> release.release(PROXY_CALLER, RECORD, "0x" + "44".repeat(20), askedBy(RECORD)));
        assertEquals(List.of(), opened);
    }

    /** Hospital B's call to the proxy for {@code record}, as the proxy forwards it. */
    private static ForwardedCall askedBy(String record) {
        return new ForwardedCall(PROXY_API + "/records/" + record + "/re-encryption", SIGNATURE);
    }

    private FakeChain chain() {
        return new FakeChain()
                .answering("account", arguments -> SELF)
                .answering("findMember", arguments -> Optional.ofNullable(member((LedgerAddress) arguments[0])));
    }

    private static Member member(LedgerAddress account) {
        MemberRole role = account.equals(PROXY) ? MemberRole.PROXY
                : account.equals(SELF) || account.equals(HOSPITAL_B) ? MemberRole.HOSPITAL : null;
        return role == null ? null : new Member(account, role, "member", URI.create("http://127.0.0.1:1/custodia"),
                new byte[0], null);
    }

    private EnvelopeRelease release(FakeChain chain) {
        EnvelopeRelease release = new EnvelopeRelease();
        Beans.inject(release, EnvelopeRelease.class, "ledger", chain);
        Beans.inject(release, EnvelopeRelease.class, "audit", audit);
        Beans.inject(release, EnvelopeRelease.class, "nodeCalls", new NodeCallAuthenticator() {
            @Override
            public VerifiedCaller verifyForwarded(ForwardedCall call) throws NodeCallRefusedException {
                return signer.verify(call);
            }
        });
        Beans.inject(release, EnvelopeRelease.class, "settings", new NodeSettings(
                NodeRole.HOSPITAL.name().toLowerCase(Locale.ROOT), "node", "target", "target", "http://127.0.0.1:1", 0));
        Beans.inject(release, EnvelopeRelease.class, "records", new RecordService() {
            @Override
            public InputStream openEnvelope(String recordId) {
                opened.add(recordId);
                return envelope;
            }

            @Override
            public RecordDetails ownAnchored(String recordId) {
                opened.add(recordId);
                return new RecordDetails(recordId, UUID.randomUUID(), "laboratory", "Electrolytes", "text/plain", 12,
                        "cd".repeat(32), AnchorStatus.ANCHORED, null, null, null, Instant.EPOCH, "d.ross", null);
            }
        });
        return release;
    }
}
