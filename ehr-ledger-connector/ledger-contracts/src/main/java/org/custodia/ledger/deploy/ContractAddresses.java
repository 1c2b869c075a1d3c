package org.custodia.ledger.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the registries live on a chain, as the node configuration keys {@code custodia.ledger.*}.
 *
 * @param deploymentBlock the block of the first deployment: event readers need not look earlier
 */
public record ContractAddresses(String consortiumRegistry, String recordRegistry, String consentRegistry,
                                BigInteger deploymentBlock) {

    public static final String CONSORTIUM_REGISTRY = "custodia.ledger.consortium-registry";
    public static final String RECORD_REGISTRY = "custodia.ledger.record-registry";
    public static final String CONSENT_REGISTRY = "custodia.ledger.consent-registry";
    public static final String DEPLOYMENT_BLOCK = "custodia.ledger.deployment-block";

    /**
     * The addresses in {@code file}, if it exists and holds all of them.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static Optional<ContractAddresses> readFrom(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = load(file);
        String consortium = properties.getProperty(CONSORTIUM_REGISTRY);
        String records = properties.getProperty(RECORD_REGISTRY);
        String consent = properties.getProperty(CONSENT_REGISTRY);
        String block = properties.getProperty(DEPLOYMENT_BLOCK);
        if (consortium == null || records == null || consent == null || block == null
                || !block.trim().matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(new ContractAddresses(consortium.trim(), records.trim(), consent.trim(),
                new BigInteger(block.trim())));
    }

    /**
     * Writes the addresses into {@code file}, keeping any other keys it already holds. The file is replaced
     * atomically, so a reader never sees it half written.
     */
    public void writeTo(Path file) {
        Properties properties = Files.exists(file) ? load(file) : new Properties();
        properties.setProperty(CONSORTIUM_REGISTRY, consortiumRegistry);
        properties.setProperty(RECORD_REGISTRY, recordRegistry);
        properties.setProperty(CONSENT_REGISTRY, consentRegistry);
        properties.setProperty(DEPLOYMENT_BLOCK, deploymentBlock.toString());
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Custodia access contracts");
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the contract addresses to " + file, e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }
}
