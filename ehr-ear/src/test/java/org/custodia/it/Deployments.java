package org.custodia.it;

import java.io.File;

import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The application under test: the EAR the build produced, unchanged, or with test classes in its web module. */
final class Deployments {

    private static final String WEB_MODULE = "ehr-web.war";

    private Deployments() {
    }

    /** The EAR exactly as built, for tests that talk to it over HTTP. */
    static EnterpriseArchive application() {
        File ear = new File(System.getProperty("custodia.ear", "target/custodia.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException(ear + " is missing: run the tests with Maven ('verify')");
        }
        return ShrinkWrap.create(ZipImporter.class, "custodia.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    /** The EAR with {@code testClasses} added to its web module, where the tests then run. */
    static EnterpriseArchive applicationRunning(Class<?>... testClasses) {
        TestTrust.installAsDefault();
        EnterpriseArchive ear = application();
        ArchivePath webPath = ear.get(WEB_MODULE).getPath();
        WebArchive web = ear.getAsType(WebArchive.class, WEB_MODULE);
        web.addClasses(testClasses);
        ear.delete(webPath);
        ear.addAsModule(Testable.archiveToTest(web));
        return ear;
    }
}
