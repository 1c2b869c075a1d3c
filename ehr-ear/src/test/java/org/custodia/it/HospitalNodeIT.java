package org.custodia.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hospital node over HTTP, as staff software and operators see it: the EAR as built, deployed once into the
 * managed Payara domain next to the local chain, and every scenario group run against that one deployment. The
 * groups that stop the server run last. Groups tagged {@code h2-only} run on the H2 domain only (they test the
 * chain and the server, not the database). {@code -Dgroups=server-restart -Dit.restarts=N} runs only the restart
 * scenario, N times, on both databases; {@code -Dgroups=server-killed} the scenario of a killed server.
 */
@ExtendWith(LocalChain.class)
@ExtendWith(ArquillianExtension.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class HospitalNodeIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.application();
    }

    @Nested
    @Order(0)
    @Tag("postgresql-only")
    class IdleSessionBegins extends IdleSessionScenarios.Begins {
    }

    @Nested
    @Order(1)
    class Application extends ApplicationScenarios {
    }

    @Nested
    @Order(2)
    class Patients extends PatientsScenarios {
    }

    @Nested
    @Order(3)
    class Accounts extends AccountsScenarios {
    }

    @Nested
    @Order(3)
    @Tag("h2-only")
    class SignInThrottling extends SignInThrottlingScenarios {
    }

    @Nested
    @Order(4)
    class Records extends RecordsScenarios {
    }

    @Nested
    @Order(4)
    @Tag("h2-only")
    @Tag("soap")
    class Soap extends SoapScenarios {
    }

    @Nested
    @Order(5)
    class NodeApi extends NodeApiScenarios {
    }

    @Nested
    @Order(6)
    class Consortium extends ConsortiumScenarios {
    }

    @Nested
    @Order(7)
    @Tag("h2-only")
    @Tag("browser")
    class StaffPages extends StaffPagesScenarios {
    }

    @Nested
    @Order(8)
    @Tag("h2-only")
    class NoPatientDataOnChain extends NoPatientDataOnChainScenarios {
    }

    @Nested
    @Order(9)
    @Tag("h2-only")
    class DependencyOutage extends DependencyOutageScenarios {
    }

    @Nested
    @Order(9)
    class SecretsApart extends SecretsApartScenarios {
    }

    /** On PostgreSQL only: a database server the node reaches over a connection, which can go away and come back. */
    @Nested
    @Order(9)
    @Tag("postgresql-only")
    @Tag("database-outage")
    class DatabaseOutage extends DatabaseOutageScenarios {
    }

    @Nested
    @Order(10)
    @Tag("postgresql-only")
    class IdleSessionEnds extends IdleSessionScenarios.Ends {
    }

    /**
     * On H2 only: what the database keeps of committed work when the server dies. H2 runs inside the killed server,
     * so there the kill tests the database's durability too; PostgreSQL runs in a process of its own, which the kill
     * leaves untouched, and what the node does after it (the restart, the audit of what was under way) is the same
     * code on either database.
     */
    @Nested
    @Order(11)
    @Tag("h2-only")
    @Tag("server-killed")
    class ServerKilled extends KilledServerScenarios {
    }

    /** On PostgreSQL only, the production database: the recovery it tests is the application's, not H2's. */
    @Nested
    @Order(11)
    @Tag("postgresql-only")
    @Tag("server-restart")
    class ServerRestart extends ServerRestartScenarios {
    }
}
