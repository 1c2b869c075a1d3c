package org.custodia.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands Arquillian the test domain's administrator password ({@code it.admin.password}, which arquillian.xml
 * references), read from the {@code domain-admin-password} file provision-domain.sh generated into the domain's
 * secrets directory: it exists only once the domain is provisioned, after Maven has fixed every other property.
 * Registered for every test class through JUnit's extension auto-detection, so it runs before the Arquillian
 * extension reads its configuration; the property is gone again when a class ends, before the test report (which
 * lists the system properties) is written.
 */
public final class TestDomainAdministrator implements BeforeAllCallback, AfterAllCallback {

    static final String PASSWORD_PROPERTY = "it.admin.password";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty(PASSWORD_PROPERTY) == null) {
            System.setProperty(PASSWORD_PROPERTY, password());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(PASSWORD_PROPERTY);
    }

    /** The domain administrator's password, as the operator's asadmin-passwordfile gives it. */
    static String password() {
        Path file = TestNode.secretsDirectory().resolve("domain-admin-password");
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test domain's administrator password " + file
                    + " (provisioned by server-config/bin/provision-domain.sh)", e);
        }
    }
}
