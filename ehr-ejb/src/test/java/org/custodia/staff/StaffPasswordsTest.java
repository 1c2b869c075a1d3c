package org.custodia.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.custodia.kernel.StaffRole;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.junit.jupiter.api.Test;

/** Password hashing with the Jakarta Security implementation Payara ships (Soteria). */
class StaffPasswordsTest {

    private final StaffPasswords passwords = new StaffPasswords(new Pbkdf2PasswordHashImpl());

    @Test
    void hashesWithSaltedPbkdf2AtTheConfiguredStrength() {
        char[] password = "correct horse battery".toCharArray();
        String hash = passwords.hash(password);
        String[] parts = hash.split(":");

        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals(Integer.toString(StaffPasswords.ITERATIONS), parts[1]);
        assertEquals(4, parts.length, hash);
        assertFalse(hash.contains("correct horse"));
        assertNotEquals(hash, passwords.hash(password), "a fresh salt each time");
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String hash = passwords.hash("correct horse battery".toCharArray());
        assertTrue(passwords.verify("correct horse battery".toCharArray(), hash));
        assertFalse(passwords.verify("correct horse batterY".toCharArray(), hash));
        assertFalse(passwords.verify(new char[0], hash));
    }

    @Test
    void anUnknownUserNeverVerifies() {
        assertFalse(passwords.verify("correct horse battery".toCharArray(), null));
    }

    @Test
    void aHashMadeWithOtherParametersStillVerifies() {
        Pbkdf2PasswordHashImpl defaults = new Pbkdf2PasswordHashImpl();
        String older = defaults.generate("correct horse battery".toCharArray());
        assertTrue(passwords.verify("correct horse battery".toCharArray(), older));
    }

    @Test
    void shortPasswordsAndIncompleteAccountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> passwords.hash("short".toCharArray()));
        Set<StaffRole> roles = EnumSet.of(StaffRole.NURSE);
        assertThrows(IllegalArgumentException.class,
                () -> new NewStaffMember("n.nurse", "Nina Nurse", "too short".toCharArray(), roles));
        assertThrows(IllegalArgumentException.class,
                () -> new NewStaffMember("N Nurse", "Nina Nurse", "long enough password".toCharArray(), roles));
        assertThrows(IllegalArgumentException.class,
                () -> new NewStaffMember("n.nurse", "Nina Nurse", "long enough password".toCharArray(), Set.of()));
        NewStaffMember member = new NewStaffMember(" n.nurse ", " Nina Nurse ", "long enough password".toCharArray(),
                roles);
        assertEquals("n.nurse", member.username());
        assertFalse(member.toString().contains("long enough"), member.toString());
    }

    @Test
    void anAdministratorAccountHoldsNoOtherRole() {
        char[] password = "long enough password".toCharArray();
        for (StaffRole other : EnumSet.complementOf(EnumSet.of(StaffRole.ADMIN))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new NewStaffMember("a.admin", "Ann Admin", password, EnumSet.of(StaffRole.ADMIN, other)));
            assertTrue(refused.getMessage().contains("admin role cannot be combined"), refused.getMessage());
        }
        assertEquals(EnumSet.of(StaffRole.ADMIN),
                new NewStaffMember("a.admin", "Ann Admin", password, EnumSet.of(StaffRole.ADMIN)).roles());
        assertEquals(EnumSet.of(StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER), new NewStaffMember("p.phys",
                "Pat Phys", password, EnumSet.of(StaffRole.PHYSICIAN, StaffRole.PRIVACY_OFFICER)).roles());
    }
}
