package org.custodia.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Path;

import jakarta.persistence.Entity;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The web module talks to services in value types: no page, resource or DTO touches a JPA entity. */
class WebArchitectureTest {

    static final ArchRule NO_ENTITY_IN_THE_WEB_MODULE = noClasses().that().resideInAPackage("org.custodia.web..")
            .should().dependOnClassesThat(DescribedPredicate.describe("are JPA entities",
                    (JavaClass type) -> type.isAnnotatedWith(Entity.class)))
            .because("entities are managed state of their capability in ehr-ejb; channels get values");

    @Test
    void noEntityReachesTheWebModule() {
        NO_ENTITY_IN_THE_WEB_MODULE.check(new ClassFileImporter().importPath(Path.of("target", "classes")));
    }
}
