package org.custodia.ledger.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

    private static final String HASH = "0x" + "ab".repeat(32);

    @Test
    void bytes32RoundTripsThroughHexAndCopiesItsBytes() {
        Bytes32 value = Bytes32.fromHex(HASH.toUpperCase().replace("0X", ""));
        assertEquals(HASH, value.toString());
        byte[] bytes = value.toBytes();
        bytes[0] = 0;
        assertEquals(HASH, value.toString());
        assertEquals(value, Bytes32.of(Bytes32.fromHex(HASH).toBytes()));
        assertFalse(value.isZero());
        assertTrue(Bytes32.of(new byte[32]).isZero());
    }

    @Test
    void bytes32RefusesWrongLengthAndNonHexWithTheReason() {
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                () -> Bytes32.fromHex("0x1234"));
        assertTrue(shortOne.getMessage().contains("64 hex digits"), shortOne.getMessage());
        IllegalArgumentException notHex = assertThrows(IllegalArgumentException.class,
                () -> Bytes32.fromHex("zz".repeat(32)));
        assertTrue(notHex.getMessage().contains("not a hex digit"), notHex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bytes32.of(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Bytes32.fromHex(null));
    }

    @Test
    void addressesCompareIgnoringLetterCase() {
        LedgerAddress lower = LedgerAddress.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        LedgerAddress mixed = LedgerAddress.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertEquals(lower, mixed);
        assertEquals("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", mixed.toString());
        assertThrows(IllegalArgumentException.class, () -> LedgerAddress.fromHex("0x1234"));
    }

    @Test
    void categoryIsAListedCodeStoredZeroPadded() {
        Category lab = new Category("laboratory");
        Bytes32 stored = lab.toBytes32();
        assertEquals('l', stored.toBytes()[0]);
        assertEquals(0, stored.toBytes()[31]);
        assertEquals(lab, Category.fromBytes32(stored));
        for (Category category : Category.all()) {
            assertEquals(category, Category.fromBytes32(category.toBytes32()));
            assertTrue(category.code().length() <= Category.MAX_BYTES, category.code());
        }
        assertEquals(Category.CODES.size(), Category.all().size());
        assertTrue(Category.CODES.containsAll(List.of("laboratory", "imaging", "discharge", "other")));
    }

    @Test
    void categoryRefusesCodesOutsideTheListWithoutEchoingThem() {
        for (String code : List.of("lab-result", "Laboratory", " laboratory", "laboratory ", "é".repeat(17))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Category(code));
            assertTrue(refused.getMessage().contains("laboratory, imaging"), refused.getMessage());
        }
        IllegalArgumentException hint = assertThrows(IllegalArgumentException.class, () -> new Category("hiv-test"));
        assertFalse(hint.getMessage().contains("hiv"), hint.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Category(" "));
        assertThrows(IllegalArgumentException.class, () -> new Category(null));
        byte[] unknown = new byte[32];
        unknown[0] = 'x';
        assertThrows(IllegalArgumentException.class, () -> Category.fromBytes32(Bytes32.of(unknown)));
    }

    @Test
    void emergencyReasonCodesAreThoseOfTheConsentRegistry() {
        assertEquals(1, EmergencyReason.UNCONSCIOUS_PATIENT.code());
        assertEquals(2, EmergencyReason.LIFE_THREATENING_CONDITION.code());
        assertEquals(3, EmergencyReason.CUSTODIAN_UNREACHABLE.code());
        assertEquals(4, EmergencyReason.PUBLIC_HEALTH_EMERGENCY.code());
        for (EmergencyReason reason : EmergencyReason.values()) {
            assertEquals(reason, EmergencyReason.ofCode(reason.code()));
        }
        assertThrows(IllegalArgumentException.class, () -> EmergencyReason.ofCode(0));
        assertThrows(IllegalArgumentException.class, () -> EmergencyReason.ofCode(5));
    }

    @Test
    void accessScopeRequiresExactlyTheFieldsOfItsKind() {
        Bytes32 patient = Bytes32.fromHex(HASH);
        Bytes32 record = Bytes32.fromHex("11".repeat(32));
        assertEquals(Optional.of(record), AccessScope.record(patient, record).recordId());
        assertEquals(AccessScope.Kind.ALL, AccessScope.allRecords(patient).kind());
        assertThrows(IllegalArgumentException.class, () -> new AccessScope(AccessScope.Kind.RECORD, patient,
                Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new AccessScope(AccessScope.Kind.ALL, patient,
                Optional.of(record), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> AccessScope.allRecords(Bytes32.of(new byte[32])));
        assertEquals(AccessScope.Kind.CATEGORY, AccessScope.Kind.ofCode(1));
        assertThrows(IllegalArgumentException.class, () -> AccessScope.Kind.ofCode(3));
    }

    @Test
    void recordAnchorRefusesZeroIdsAndEmptyContentType() {
        Bytes32 id = Bytes32.fromHex(HASH);
        Bytes32 zero = Bytes32.of(new byte[32]);
        Category category = new Category("imaging");
        IllegalArgumentException zeroId = assertThrows(IllegalArgumentException.class,
                () -> RecordAnchor.original(zero, id, id, category, "application/fhir+json"));
        assertTrue(zeroId.getMessage().contains("record id"), zeroId.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordAnchor.original(id, id, id, category, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new RecordAnchor(id, id, id, category, "text/plain", Optional.of(zero)));
    }

    @Test
    void recordAnchorAcceptsBareMediaTypesOnly() {
        Bytes32 id = Bytes32.fromHex(HASH);
        Category category = new Category("laboratory");
        for (String bare : List.of("application/pdf", "application/fhir+json", "application/vnd.ms-excel",
                "image/svg+xml", "text/plain", "a/b", "application/vnd.a!#$&^_.+-z")) {
            assertEquals(bare, RecordAnchor.original(id, id, id, category, bare).contentType());
        }
        for (String notBare : List.of("application/pdf; name=\"Roe_HIV.pdf\"", "text/plain;charset=utf-8",
                "Application/pdf", "text/HTML", "application/ pdf", " text/plain", "text/plain ", "text/plain/x",
                "text//plain", "/pdf", "application", "application/", "-text/plain", "text/pl\u00e4in",
                "a/" + "b".repeat(RecordAnchor.MAX_CONTENT_TYPE))) {
            assertThrows(IllegalArgumentException.class, () -> RecordAnchor.original(id, id, id, category, notBare),
                    notBare);
        }
        IllegalArgumentException withParameters = assertThrows(IllegalArgumentException.class,
                () -> RecordAnchor.original(id, id, id, category, "application/pdf; name=\"Roe_HIV.pdf\""));
        assertTrue(withParameters.getMessage().contains("bare media type"), withParameters.getMessage());
        assertTrue(withParameters.getMessage().contains("character 16"), withParameters.getMessage());
        assertFalse(withParameters.getMessage().contains("Roe"), withParameters.getMessage());
    }

    @Test
    void memberCopiesItsKeyAndComparesByValue() {
        byte[] key = {1, 2, 3};
        LedgerAddress account = LedgerAddress.fromHex("0x" + "01".repeat(20));
        Member member = Member.toRegister(account, MemberRole.HOSPITAL, "St. Elsewhere",
                URI.create("https://elsewhere.example"), key);
        key[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, member.prePublicKey());
        assertEquals(member, Member.toRegister(account, MemberRole.HOSPITAL, "St. Elsewhere",
                URI.create("https://elsewhere.example"), new byte[] {1, 2, 3}));
        assertNotEquals(member, Member.toRegister(account, MemberRole.PROXY, "St. Elsewhere",
                URI.create("https://elsewhere.example"), new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> Member.toRegister(account, MemberRole.HOSPITAL,
                "St. Elsewhere", URI.create("https://elsewhere.example"), new byte[Member.MAX_PRE_PUBLIC_KEY + 1]));
        assertThrows(IllegalArgumentException.class, () -> Member.toRegister(account, MemberRole.HOSPITAL, " ",
                URI.create("https://elsewhere.example"), key), "this node registers no blank name");
        assertEquals(" ", new Member(account, MemberRole.HOSPITAL, " ", URI.create("https://elsewhere.example"), key,
                Instant.EPOCH).displayName(), "but reads one another member registered");
        assertEquals(MemberRole.PROXY, MemberRole.ofCode(2));
        assertThrows(IllegalArgumentException.class, () -> MemberRole.ofCode(0));
    }

    @Test
    void anEndpointThatIsNoUriIsKeptQuotedUnderAnUnusableScheme() {
        assertEquals(URI.create("https://ehr.st-mary.example/custodia"),
                Member.endpointOf("https://ehr.st-mary.example/custodia"));
        for (String registered : List.of("https://st mary.example/<custodia>", "//", "//[", "relative/path", ":")) {
            URI unusable = Member.endpointOf(registered);
            assertEquals(Member.UNUSABLE_ENDPOINT_SCHEME, unusable.getScheme(), registered);
            assertEquals(registered, unusable.getSchemeSpecificPart(), "what was registered, shown");
            assertEquals(null, unusable.getHost());
        }
    }

    @Test
    void anAuditHeadHasASequenceFromOneAndAHash() {
        Bytes32 hash = Bytes32.fromHex(HASH);
        assertEquals(new AuditHead(1, hash), new AuditHead(1, Bytes32.fromHex(HASH)));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new AuditHead(0, hash));
        assertTrue(none.getMessage().contains("start at 1"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AuditHead(1, Bytes32.of(new byte[32])));
        assertThrows(NullPointerException.class, () -> new AuditHead(1, null));
    }

    @Test
    void eventPositionsOrderByBlockThenLogIndex() {
        Bytes32 hash = Bytes32.fromHex(HASH);
        LedgerAddress contract = LedgerAddress.fromHex("0x" + "02".repeat(20));
        EventPosition early = new EventPosition(5, 9, hash, hash, contract);
        EventPosition later = new EventPosition(6, 0, hash, hash, contract);
        EventPosition sameBlock = new EventPosition(5, 10, hash, hash, contract);
        assertTrue(early.compareTo(later) < 0);
        assertTrue(early.compareTo(sameBlock) < 0);
        assertTrue(later.compareTo(sameBlock) > 0);
    }
}
