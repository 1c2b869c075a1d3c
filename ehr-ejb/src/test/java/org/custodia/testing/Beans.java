package org.custodia.testing;

import java.lang.reflect.Field;

/** What the container does for beans the tests create themselves. */
public final class Beans {

    private Beans() {
    }

    /** Sets a private field of a bean, as the container's injection would. */
    public static void inject(Object bean, Class<?> declaringClass, String field, Object value) {
        try {
            Field declared = declaringClass.getDeclaredField(field);
            declared.setAccessible(true);
            declared.set(bean, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }
}
