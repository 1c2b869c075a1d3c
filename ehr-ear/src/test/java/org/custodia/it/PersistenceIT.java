package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditRecord;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
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

        AuditRecord written = trail.record("it.clerk", AuditedAction.RECORD_DOWNLOAD, subject, AuditOutcome.REFUSED,
                "no grant for this hospital");
        AuditRecord read = trail.find(written.id()).orElseThrow();

        assertEquals("it.clerk", read.actor());
        assertEquals("record.download", read.action());
        assertEquals(subject, read.subject());
        assertEquals(AuditOutcome.REFUSED, read.outcome());
        assertEquals("no grant for this hospital", read.detail());
        assertEquals(written.occurredAt(), read.occurredAt());
        assertTrue(trail.latest(50).stream().anyMatch(e -> e.id().equals(written.id())),
                "the newest entries include it");
    }
}
