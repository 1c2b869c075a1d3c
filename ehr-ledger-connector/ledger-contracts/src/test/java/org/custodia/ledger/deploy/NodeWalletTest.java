package org.custodia.ledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeWalletTest {

    /** anvil's development account 1, the development hospital of dev-consortium.properties */
    private static final String DEV_ACCOUNT_1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return NodeWallet.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path passwordFile(String password) throws Exception {
        Path file = Files.createTempFile(dir, "password", ".txt");
        Files.writeString(file, password + "\n");
        return file;
    }

    @Test
    void devAccountWalletHoldsAnvilsAccountAndOpensWithItsPassword() throws Exception {
        Path wallet = dir.resolve("secrets/node-wallet.json");
        Path password = passwordFile("correct horse");

        assertEquals(0, run("dev-account", "1", password.toString(), wallet.toString()), err.toString());
        assertEquals(DEV_ACCOUNT_1, out.toString().trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wallet)));
        assertEquals(1, Files.list(wallet.getParent()).count(), "no staging folder left behind");

        out.reset();
        assertEquals(0, run("address", password.toString(), wallet.toString()));
        assertEquals(DEV_ACCOUNT_1, out.toString().trim());
    }

    @Test
    void devAccountAcceptsItsOwnWalletAgainButNotAnotherAccount() throws Exception {
        Path wallet = dir.resolve("wallet.json");
        Path password = passwordFile("pw");
        assertEquals(0, run("dev-account", "1", password.toString(), wallet.toString()));
        byte[] first = Files.readAllBytes(wallet);

        assertEquals(0, run("dev-account", "1", password.toString(), wallet.toString()), err.toString());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(wallet)), "the wallet is not rewritten");

        assertEquals(1, run("dev-account", "2", password.toString(), wallet.toString()));
        assertTrue(err.toString().contains("not development account 2"), err.toString());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(wallet)), "nothing changed");
    }

    @Test
    void newAccountIsFreshAndNeverOverwritesAWallet() throws Exception {
        Path password = passwordFile("pw");
        Path wallet = dir.resolve("new.json");
        assertEquals(0, run("new", password.toString(), wallet.toString()), err.toString());
        String address = out.toString().trim();
        assertTrue(address.matches("0x[0-9a-f]{40}"), address);
        assertNotEquals(DEV_ACCOUNT_1, address);

        byte[] before = Files.readAllBytes(wallet);
        assertEquals(1, run("new", password.toString(), wallet.toString()));
        assertTrue(err.toString().contains("never overwritten"), err.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(wallet)));
    }

    @Test
    void wrongPasswordIsRefusedWithoutRevealingIt() throws Exception {
        Path wallet = dir.resolve("wallet.json");
        assertEquals(0, run("dev-account", "1", passwordFile("right").toString(), wallet.toString()));

        assertEquals(1, run("address", passwordFile("wrong-secret").toString(), wallet.toString()));
        assertTrue(err.toString().contains("the password does not open the wallet"), err.toString());
        assertFalse(err.toString().contains("wrong-secret"));
    }

    /** Swapped settings (the password file, or a bare key, as the wallet) must not show what the file holds. */
    @Test
    void aFileThatIsNoWalletIsRefusedWithoutQuotingIt() throws Exception {
        String key = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        Path bareKey = passwordFile(key);

        NodeWallet.WalletException refusal = assertThrows(NodeWallet.WalletException.class,
                () -> NodeWallet.open("pw", bareKey));

        assertTrue(refusal.getMessage().contains("is not a web3j wallet file"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains(key.substring(0, 8)), refusal.getMessage());
        assertNull(refusal.getCause());
        NodeWallet.WalletException missing = assertThrows(NodeWallet.WalletException.class,
                () -> NodeWallet.open("pw", dir.resolve("missing.json")));
        assertTrue(missing.getMessage().startsWith("cannot read the wallet "), missing.getMessage());
    }

    @Test
    void badArgumentsExitWithUsage() throws Exception {
        assertEquals(2, run("dev-account", "one", passwordFile("pw").toString(), dir.resolve("w.json").toString()));
        assertEquals(2, run("rotate"));
        assertTrue(err.toString().contains("usage:"), err.toString());
        assertEquals(1, run("address", dir.resolve("missing.txt").toString(), dir.resolve("w.json").toString()));
    }
}
