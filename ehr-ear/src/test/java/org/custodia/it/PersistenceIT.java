package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import org.custodia.audit.AuditEntry;
import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An entity round-trips through Hibernate inside Payara, on the domain's database (H2, and PostgreSQL in the
 * build's second run), with the schema created by the Flyway migrations at start-up. Runs inside the EAR's web
 * module.
 */
@ExtendWith(ArquillianExtension.class)
class PersistenceIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.applicationRunning(PersistenceIT.class);
    }

    @Test
    void auditEntryIsWrittenAndReadBackInSeparateTransactions() throws NamingException {
        AuditTrail trail = (AuditTrail) new InitialContext().lookup("java:app/ehr-ejb/AuditTrail");
        String subject = "record-" + UUID.randomUUID();

        AuditEntry written = trail.record("it.clerk", "record.download", subject, AuditOutcome.REFUSED,
                "no grant for this hospital");
        AuditEntry read = trail.find(written.getId()).orElseThrow();

        assertEquals("it.clerk", read.getActor());
        assertEquals("record.download", read.getAction());
        assertEquals(subject, read.getSubject());
        assertEquals(AuditOutcome.REFUSED, read.getOutcome());
        assertEquals("no grant for this hospital", read.getDetail());
        assertEquals(written.getOccurredAt(), read.getOccurredAt());
        assertTrue(trail.latest(50).stream().anyMatch(e -> e.getId().equals(written.getId())),
                "the newest entries include it");
    }
}
