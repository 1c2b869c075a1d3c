package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node's secrets live apart from its data: a copy of the data directory (what is backed up with the database
 * and the file store) holds no key, no password and no keystore, so it opens nothing without the secrets directory.
 * The domain's administration asks for the administrator's password kept there.
 */
abstract class SecretsApartScenarios {

    private static final List<String> SECRET_FILES = List.of("keystore-password", "admin-password",
            "master-password", "pseudonym-key", "domain-admin-password");
    /** Secrets a node has only in some set-ups (H2's database password, a generated TLS key's password). */
    private static final List<String> OPTIONAL_SECRET_FILES = List.of("db-password", "tls-password",
            "node-wallet-password");

    @Test
    void theDataDirectoryHoldsNoSecretAndTheSecretsAreTheOwnersAlone() throws IOException {
        Path data = TestNode.dataDirectory();
        Path secrets = TestNode.secretsDirectory();
        assertFalse(secrets.toAbsolutePath().normalize().startsWith(data.toAbsolutePath().normalize()), secrets.toString());
        assertTrue(Files.isRegularFile(secrets.resolve("node-keys.p12")), "the node keystore is among the secrets");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(secrets));

        List<String> values = new ArrayList<>();
        for (String name : SECRET_FILES) {
            Path file = secrets.resolve(name);
            assertTrue(Files.isRegularFile(file), file + " was generated at provisioning");
            assertFalse(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ), file.toString());
            values.add(Files.readString(file).strip());
        }
        for (String name : OPTIONAL_SECRET_FILES) {
            Path file = secrets.resolve(name);
            if (Files.isRegularFile(file)) {
                values.add(Files.readString(file).strip());
            }
        }
        assertTrue(values.size() > SECRET_FILES.size(), "the generated TLS key's password is among the secrets");
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                assertFalse(name.endsWith(".p12") || name.endsWith(".jks") || SECRET_FILES.contains(name)
                        || OPTIONAL_SECRET_FILES.contains(name) || name.startsWith("node-wallet"),
                        "a secret in the data directory: " + file);
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String value : values) {
                    assertFalse(content.contains(value), "a secret's value in " + file);
                }
            }
        }
    }

    @Test
    void theDomainsAdministrationAnswersItsAdministratorOnly() throws IOException {
        Path asadminPasswordFile = TestNode.secretsDirectory().resolve("asadmin-passwordfile");
        assertEquals("AS_ADMIN_PASSWORD=" + TestDomainAdministrator.password(),
                Files.readString(asadminPasswordFile).strip(), "the password in the form asadmin reads");
        assertFalse(Files.getPosixFilePermissions(asadminPasswordFile).contains(PosixFilePermission.OTHERS_READ));

        URI applications = URI.create("http://127.0.0.1:" + System.getProperty("it.admin.port")
                + "/management/domain/applications/application");
        HttpRequest.Builder anonymous = HttpRequest.newBuilder(applications).header("Accept", "application/json")
                .header("X-Requested-By", "custodia-tests");
        assertEquals(401, TestNode.send(anonymous).statusCode(), "no password, no administration");
        String wrong = Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, TestNode.send(anonymous.copy().header("Authorization", "Basic " + wrong)).statusCode());
        String administrator = Base64.getEncoder().encodeToString(("admin:" + TestDomainAdministrator.password())
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, TestNode.send(anonymous.copy().header("Authorization", "Basic " + administrator))
                .statusCode(), "the administrator's password from the secrets directory opens it");
    }

    /**
     * The PostgreSQL test domain is provisioned with {@code --chain-url-file}, as a node whose chain node's URL
     * carries a credential is: the URL is a password alias, so {@code domain.xml} does not hold it, and the node
     * reaches the chain through it (its {@code chain-node} check is UP in {@link ApplicationScenarios}).
     */
    @Test
    @Tag("postgresql-only")
    void aChainUrlFromAFileIsAPasswordAliasOutsideTheDomainConfiguration() throws IOException {
        Path domainXml = Path.of(System.getProperty("it.domains.dir"), System.getProperty("it.domain"), "config",
                "domain.xml");
        String configuration = Files.readString(domainXml);
        assertTrue(configuration.contains("custodia.node.public-url"), "the node's other settings are there");
        assertFalse(configuration.contains("custodia.ledger.rpc-url"), "the chain node's URL is not in " + domainXml);
        assertFalse(configuration.contains(":" + TestNode.chainPort()), "the chain node's URL is not in " + domainXml);
        String log = Files.readString(domainXml.getParent().getParent().resolve("provision.log"));
        assertFalse(log.contains(":" + TestNode.chainPort()), "nor in the provisioning log");
    }
}
