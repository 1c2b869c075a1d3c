package org.custodia.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of ehr-ejb (see the design's "Inside ehr-ejb"), checked on the compiled classes of this module: a
 * kernel every capability may use and that uses none; capabilities without cycles; entities that never leave their
 * capability; a proxy that never holds a private PRE key.
 */
class ArchitectureTest {

    private static JavaClasses ehrEjb;

    @BeforeAll
    static void importMainClasses() {
        ehrEjb = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void capabilitiesFormNoCycle() {
        Rules.CAPABILITIES_FREE_OF_CYCLES.check(ehrEjb);
    }

    @Test
    void theKernelUsesNoCapability() {
        Rules.KERNEL_USES_NO_CAPABILITY.check(ehrEjb);
    }

    @Test
    void entitiesStayInTheirCapability() {
        Rules.ENTITIES_STAY_IN_THEIR_PACKAGE.check(ehrEjb);
    }

    @Test
    void servicesHandOutValuesNotEntities() {
        Rules.SERVICES_HAND_OUT_NO_ENTITY.check(ehrEjb);
    }

    @Test
    void theProxyHoldsNoPrivateKeys() {
        Rules.PROXY_DOES_NOT_USE_KEYS.check(ehrEjb);
    }

    @Test
    void sealingUsesOnlyTheKernel() {
        Rules.SEALING_USES_ONLY_THE_KERNEL.check(ehrEjb);
    }

    @Test
    void auditedActionsGoThroughThePolicy() {
        Rules.ONLY_ACCESS_STARTS_AUDITED_CALLS.check(ehrEjb);
    }

    /** The rules. */
    static final class Rules {

        static final ArchRule CAPABILITIES_FREE_OF_CYCLES = slices().matching("org.custodia.(*)..")
                .namingSlices("capability $1").should().beFreeOfCycles()
                .because("a capability is built on the kernel and on capabilities below it, never on one above");

        static final ArchRule KERNEL_USES_NO_CAPABILITY = noClasses().that().resideInAPackage("org.custodia.kernel..")
                .should().dependOnClassesThat(resideInAPackage("org.custodia..")
                        .and(not(resideInAPackage("org.custodia.kernel.."))))
                .because("the kernel is what every capability may use; it is not the place that wires them");

        static final ArchRule ENTITIES_STAY_IN_THEIR_PACKAGE = classes().should(new EntityUseCondition())
                .because("services hand out value types; an entity is managed state of its own capability");

        static final ArchRule SERVICES_HAND_OUT_NO_ENTITY = methods().that().arePublic()
                .and().areDeclaredInClassesThat().haveNameMatching(".*(Service|Registry|Directory|Review|Journal|"
                        + "Trail|Policy|Pairs)$")
                .should(new EntitySignatureCondition())
                .because("a service's callers (other capabilities, ehr-web) get values, never managed entities");

        static final ArchRule PROXY_DOES_NOT_USE_KEYS = noClasses().that().resideInAPackage("org.custodia.proxy..")
                .should().dependOnClassesThat().resideInAPackage("org.custodia.keys..")
                .allowEmptyShould(true)
                .because("a proxy node re-encrypts with re-keys only and never holds a private PRE key");

        static final ArchRule SEALING_USES_ONLY_THE_KERNEL = noClasses()
                .that().resideInAPackage("org.custodia.sealing..")
                .should().dependOnClassesThat(resideInAPackage("org.custodia..")
                        .and(not(resideInAPackage("org.custodia.kernel..")))
                        .and(not(resideInAPackage("org.custodia.sealing.."))))
                .because("keys and proxy both seal with the node's key-encryption key; it pulls in neither");

        static final ArchRule ONLY_ACCESS_STARTS_AUDITED_CALLS = noClasses()
                .that().resideOutsideOfPackage("org.custodia.access..")
                .should().callMethod(org.custodia.access.AccessPolicy.class, "require",
                        org.custodia.audit.AuditedAction.class, String.class)
                .because("services declare @Audited actions; the interceptor asks the policy and writes the entry");

        private Rules() {
        }
    }
}
