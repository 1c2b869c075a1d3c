package org.custodia.ledger.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsortiumConfigTest {

    private static final String HOSPITAL = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String PROXY = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

    @Test
    void readsEveryListedMember() {
        ConsortiumConfig config = parse("""
                members = st-mary, exchange
                member.st-mary.account=%s
                member.st-mary.role=hospital
                member.st-mary.display-name=St Mary Hospital
                member.st-mary.endpoint=https://st-mary.test
                member.st-mary.pre-public-key=0x0a0b
                member.exchange.account=%s
                member.exchange.role=PROXY
                member.exchange.display-name=Regional Exchange
                member.exchange.endpoint=https://exchange.test
                """.formatted(HOSPITAL, PROXY));

        assertEquals(List.of(
                new MemberSpec(HOSPITAL, MemberRole.HOSPITAL, "St Mary Hospital", "https://st-mary.test",
                        new byte[] {10, 11}),
                new MemberSpec(PROXY, MemberRole.PROXY, "Regional Exchange", "https://exchange.test", null)),
                config.members());
        assertArrayEquals(new byte[0], config.members().get(1).prePublicKey());
    }

    @Test
    void theDevelopmentConsortiumIsValid() {
        ConsortiumConfig config = ConsortiumConfig.load(Path.of("src/main/deploy/dev-consortium.properties"));

        assertEquals(3, config.members().size());
        assertEquals(2, config.members().stream().filter(m -> m.role() == MemberRole.HOSPITAL).count());
    }

    @Test
    void refusesInvalidEntriesNamingTheKey() {
        assertRefused("'members' is missing", "");
        assertRefused("'members' lists no member id", "members= , ");
        assertRefused("'member.a.account' is missing", "members=a");
        assertRefused("member.a.account is not a 0x-prefixed 20-byte hex address", member("0x1234", "HOSPITAL"));
        assertRefused("member.a.role must be HOSPITAL or PROXY", member(HOSPITAL, "ADMIN"));
        assertRefused("'member.a.display-name' is missing", "members=a\nmember.a.account=" + HOSPITAL
                + "\nmember.a.role=HOSPITAL\nmember.a.endpoint=https://a.test");
        assertRefused("'member.a.endpoint' is missing", "members=a\nmember.a.account=" + HOSPITAL
                + "\nmember.a.role=HOSPITAL\nmember.a.display-name=A");
        assertRefused("member.a.pre-public-key is not hex", member(HOSPITAL, "HOSPITAL")
                + "\nmember.a.pre-public-key=xyz");
        assertRefused("listed twice", member(HOSPITAL, "HOSPITAL").replace("members=a", "members=a,b")
                + "\nmember.b.account=" + HOSPITAL.toLowerCase() + "\nmember.b.role=PROXY"
                + "\nmember.b.display-name=B\nmember.b.endpoint=https://b.test");
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        ConsortiumConfigException refused = assertThrows(ConsortiumConfigException.class,
                () -> ConsortiumConfig.load(Path.of("no-such-consortium.properties")));
        assertTrue(refused.getMessage().contains("no-such-consortium.properties"), refused.getMessage());
    }

    private static String member(String account, String role) {
        return "members=a\nmember.a.account=" + account + "\nmember.a.role=" + role
                + "\nmember.a.display-name=A\nmember.a.endpoint=https://a.test";
    }

    private static void assertRefused(String expectedMessagePart, String text) {
        ConsortiumConfigException refused = assertThrows(ConsortiumConfigException.class, () -> parse(text));
        assertTrue(refused.getMessage().contains(expectedMessagePart), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("test.properties: "), refused.getMessage());
    }

    private static ConsortiumConfig parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return ConsortiumConfig.parse(properties, "test.properties");
    }
}
