package org.custodia.ledger.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * The initial consortium, read from a properties file:
 *
 * <pre>
 * members=st-mary,city-clinic,exchange
 * member.st-mary.account=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
 * member.st-mary.role=HOSPITAL
 * member.st-mary.display-name=St Mary Hospital
 * member.st-mary.endpoint=https://ehr.st-mary.example
 * member.st-mary.pre-public-key=0x...   (optional, hex)
 * </pre>
 *
 * The ids in {@code members} only group the keys; the contract knows members by account.
 */
public record ConsortiumConfig(List<MemberSpec> members) {

    public ConsortiumConfig {
        members = List.copyOf(members);
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws ConsortiumConfigException naming the file and the offending key
     */
    public static ConsortiumConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConsortiumConfigException("cannot read the consortium file " + file + ": " + e.getMessage(),
                    e);
        }
        return parse(properties, file.toString());
    }

    static ConsortiumConfig parse(Properties properties, String source) {
        String ids = required(properties, "members", source);
        List<MemberSpec> members = new ArrayList<>();
        Set<String> accounts = new HashSet<>();
        for (String id : Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            MemberSpec member = member(properties, "member." + id + ".", source);
            if (!accounts.add(member.account().toLowerCase(Locale.ROOT))) {
                throw new ConsortiumConfigException(source + ": account " + member.account()
                        + " is listed twice (member " + id + ")");
            }
            members.add(member);
        }
        if (members.isEmpty()) {
            throw new ConsortiumConfigException(source + ": 'members' lists no member id");
        }
        return new ConsortiumConfig(members);
    }

    private static MemberSpec member(Properties properties, String prefix, String source) {
        String account = required(properties, prefix + "account", source);
        if (!WalletUtils.isValidAddress(account) || !account.startsWith("0x")) {
            throw new ConsortiumConfigException(source + ": " + prefix + "account is not a 0x-prefixed 20-byte hex "
                    + "address: " + account);
        }
        String role = required(properties, prefix + "role", source);
        MemberRole memberRole;
        try {
            memberRole = MemberRole.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConsortiumConfigException(source + ": " + prefix + "role must be HOSPITAL or PROXY, not "
                    + role, e);
        }
        return new MemberSpec(account, memberRole, required(properties, prefix + "display-name", source),
                required(properties, prefix + "endpoint", source),
                publicKey(properties.getProperty(prefix + "pre-public-key", "").trim(), prefix, source));
    }

    private static byte[] publicKey(String hex, String prefix, String source) {
        if (hex.isEmpty()) {
            return new byte[0];
        }
        if (!hex.matches("(0x)?([0-9a-fA-F]{2})+")) {
            throw new ConsortiumConfigException(source + ": " + prefix + "pre-public-key is not hex");
        }
        return Numeric.hexStringToByteArray(hex);
    }

    private static String required(Properties properties, String key, String source) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new ConsortiumConfigException(source + ": '" + key + "' is missing or empty");
        }
        return value;
    }
}
