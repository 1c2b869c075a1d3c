package org.custodia.ledger.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/** The command line of {@link ConsortiumDeployer}. */
record DeployerArguments(String rpcUrl, Path consortium, Path output, Path keystore, boolean ifMissing) {

    static final String USAGE = "usage: ConsortiumDeployer [--rpc-url URL] --consortium FILE --output FILE"
            + " [--keystore FILE] [--if-missing]  (URL: --rpc-url or " + ConsortiumDeployer.RPC_URL_VARIABLE
            + "; key: keystore + " + ConsortiumDeployer.KEYSTORE_PASSWORD_VARIABLE + ", or "
            + ConsortiumDeployer.PRIVATE_KEY_VARIABLE + ")";
    private static final Set<String> VALUED = Set.of("--rpc-url", "--consortium", "--output", "--keystore");
    private static final String IF_MISSING = "--if-missing";

    /**
     * The options of {@code args}; the chain node's URL from {@code --rpc-url} or, without it, from the environment's
     * {@link ConsortiumDeployer#RPC_URL_VARIABLE}.
     *
     * @throws IllegalArgumentException naming the missing or unknown option
     */
    static DeployerArguments parse(String[] args, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        boolean ifMissing = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals(IF_MISSING)) {
                ifMissing = true;
            } else if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            } else {
                options.put(name, args[++i]);
            }
        }
        String keystore = options.get("--keystore");
        options.computeIfAbsent("--rpc-url", option -> environment.get(ConsortiumDeployer.RPC_URL_VARIABLE));
        if (blank(options.get("--rpc-url"))) {
            throw new IllegalArgumentException("missing option --rpc-url (or " + ConsortiumDeployer.RPC_URL_VARIABLE
                    + " in the environment)");
        }
        return new DeployerArguments(options.get("--rpc-url"), Path.of(required(options, "--consortium")),
                Path.of(required(options, "--output")), keystore == null ? null : Path.of(keystore), ifMissing);
    }

    /**
     * The administrator's key, from the keystore or the private-key variable of {@code environment}.
     *
     * @throws IllegalArgumentException if the key cannot be obtained (the message never contains key material)
     */
    Credentials adminCredentials(Map<String, String> environment) {
        if (keystore != null) {
            String password = environment.get(ConsortiumDeployer.KEYSTORE_PASSWORD_VARIABLE);
            if (password == null) {
                throw new IllegalArgumentException(ConsortiumDeployer.KEYSTORE_PASSWORD_VARIABLE
                        + " must hold the password of " + keystore);
            }
            try {
                return WalletUtils.loadCredentials(password, keystore.toFile());
            } catch (IOException | CipherException e) {
                throw new IllegalArgumentException("cannot open the keystore " + keystore
                        + " (wrong password or not a keystore file)", e);
            }
        }
        String key = environment.get(ConsortiumDeployer.PRIVATE_KEY_VARIABLE);
        if (key == null || !WalletUtils.isValidPrivateKey(key)) {
            throw new IllegalArgumentException("without --keystore, " + ConsortiumDeployer.PRIVATE_KEY_VARIABLE
                    + " must hold the administrator's private key (64 hex digits)");
        }
        return Credentials.create(key);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (blank(value)) {
            throw new IllegalArgumentException("missing option " + name);
        }
        return value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
