package org.custodia.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import jakarta.persistence.Entity;

/** A method neither takes nor returns a JPA entity, also not as a type argument (a list of entities). */
final class EntitySignatureCondition extends ArchCondition<JavaMethod> {

    EntitySignatureCondition() {
        super("take and return no entity");
    }

    @Override
    public void check(JavaMethod method, ConditionEvents events) {
        for (JavaClass type : method.getAllInvolvedRawTypes()) {
            if (type.isAnnotatedWith(Entity.class)) {
                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " involves entity "
                        + type.getName()));
            }
        }
    }
}
