package org.custodia.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import jakarta.persistence.Entity;

/** A class uses JPA entities of its own package only. */
final class EntityUseCondition extends ArchCondition<JavaClass> {

    EntityUseCondition() {
        super("use entities of their own package only");
    }

    @Override
    public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
            JavaClass target = dependency.getTargetClass().getBaseComponentType();
            if (target.isAnnotatedWith(Entity.class) && !target.getPackageName().equals(origin.getPackageName())) {
                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                        + " (entity of another package)"));
            }
        }
    }
}
