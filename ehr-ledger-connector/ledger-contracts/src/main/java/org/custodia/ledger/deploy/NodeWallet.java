package org.custodia.ledger.deploy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * A node's ledger account as a password-protected web3j wallet file, the form the ledger connector loads
 * ({@code custodia.ledger.keystore-file}).
 *
 * <p>Command line (wrapped by {@code server-config/bin/node-wallet.sh}):
 * <pre>
 *   NodeWallet new PASSWORD_FILE WALLET                 a fresh account (a real network)
 *   NodeWallet dev-account INDEX PASSWORD_FILE WALLET   anvil's development account INDEX (a published test key)
 *   NodeWallet address PASSWORD_FILE WALLET             checks that the password opens WALLET
 * </pre>
 * Each prints the account address. An existing wallet is never overwritten: {@code new} refuses, and
 * {@code dev-account} accepts it only if it holds that account. The password is the first line of PASSWORD_FILE.
 * Exit status: 0 done, 1 the wallet cannot be read or written, 2 bad arguments.
 */
public final class NodeWallet {

    /** The mnemonic anvil derives its development accounts from (m/44'/60'/0'/0/INDEX). Public: test chains only. */
    private static final String ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
    private static final int HARDENED = 0x80000000;
    private static final String USAGE = "usage: NodeWallet new PASSWORD_FILE WALLET"
            + " | dev-account INDEX PASSWORD_FILE WALLET | address PASSWORD_FILE WALLET";

    private NodeWallet() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 3 && args[0].equals("new")) {
                out.println(create(newAccount(), password(Path.of(args[1])), Path.of(args[2])).getAddress());
            } else if (args.length == 4 && args[0].equals("dev-account")) {
                out.println(devAccountWallet(Integer.parseInt(args[1]), password(Path.of(args[2])),
                        Path.of(args[3])).getAddress());
            } else if (args.length == 3 && args[0].equals("address")) {
                out.println(open(password(Path.of(args[1])), Path.of(args[2])).getAddress());
            } else {
                err.println(USAGE);
                return 2;
            }
            return 0;
        } catch (NumberFormatException e) {
            err.println("node wallet: the account index must be a number, got " + args[1]);
            return 2;
        } catch (WalletException e) {
            err.println("node wallet: " + e.getMessage());
            return 1;
        }
    }

    /** Anvil's development account {@code index}: a published key, for local test chains only. */
    static ECKeyPair devAccount(int index) {
        if (index < 0) {
            throw new NumberFormatException("negative");
        }
        Bip32ECKeyPair root = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(ANVIL_MNEMONIC, ""));
        return Bip32ECKeyPair.deriveKeyPair(root, new int[] {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index});
    }

    /** Writes development account {@code index} to {@code wallet}, or accepts a wallet that already holds it. */
    static Credentials devAccountWallet(int index, String password, Path wallet) throws WalletException {
        ECKeyPair account = devAccount(index);
        if (Files.exists(wallet)) {
            Credentials existing = open(password, wallet);
            String expected = "0x" + Keys.getAddress(account);
            if (!existing.getAddress().equalsIgnoreCase(expected)) {
                throw new WalletException(wallet + " holds account " + existing.getAddress() + ", not development"
                        + " account " + index + " (" + expected + "); move it away to replace it");
            }
            return existing;
        }
        return create(account, password, wallet);
    }

    /**
     * Opens {@code wallet} with {@code password}; the ledger connector loads its account through this too.
     *
     * @throws WalletException naming the file and what is wrong with it, never what it holds
     */
    public static Credentials open(String password, Path wallet) throws WalletException {
        try {
            return WalletUtils.loadCredentials(password, wallet.toFile());
        } catch (CipherException e) {
            throw new WalletException("the password does not open the wallet " + wallet);
        } catch (FileNotFoundException | FileSystemException e) {
            throw new WalletException("cannot read the wallet " + wallet + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // not the reader's message: it quotes the file's first characters, a key or a password when the setting
            // names the wrong file
            throw new WalletException(wallet + " is not a web3j wallet file (" + e.getClass().getSimpleName()
                    + "): name the wallet, not its password file or a bare key");
        }
    }

    private static ECKeyPair newAccount() throws WalletException {
        try {
            return Keys.createEcKeyPair();
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new WalletException("cannot generate a key pair: " + e.getMessage());
        }
    }

    /**
     * Writes a new wallet, owner-only, durably: forced to disk, then linked under its name (which fails if a file is
     * there, so that two runs at once never replace each other's wallet), and its directory forced, so that an
     * address printed is never that of a wallet a crash lost. Refuses to replace an existing file.
     */
    private static Credentials create(ECKeyPair account, String password, Path wallet) throws WalletException {
        if (Files.exists(wallet)) {
            throw new WalletException(wallet + " already exists; it is never overwritten");
        }
        Path directory = wallet.toAbsolutePath().getParent();
        Path staging = null;
        try {
            Files.createDirectories(directory);
            staging = Files.createTempDirectory(directory, ".wallet-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path written = staging.resolve(WalletUtils.generateWalletFile(password, account, staging.toFile(), false));
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.createLink(wallet, written);
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new WalletException(wallet + " already exists; it is never overwritten");
        } catch (CipherException e) {
            throw new WalletException("cannot encrypt the wallet: " + e.getMessage());
        } catch (IOException e) {
            throw new WalletException("cannot write the wallet " + wallet + ": " + e.getMessage());
        } finally {
            deleteQuietly(staging);
        }
        return open(password, wallet);
    }

    private static String password(Path file) throws WalletException {
        try {
            String password = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (password.isEmpty()) {
                throw new WalletException("the password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new WalletException("cannot read the password file " + file + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path staging) {
        if (staging != null) {
            try (var files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // an encrypted wallet left behind in the staging folder holds nothing usable without the password
            }
        }
    }

    /** The wallet cannot be read, written or opened; the message never contains the password or the key. */
    /** A wallet that cannot be read, opened or written; the message names the file, never what it holds. */
    public static final class WalletException extends Exception {
        private static final long serialVersionUID = 1L;

        WalletException(String message) {
            super(message);
        }
    }
}
