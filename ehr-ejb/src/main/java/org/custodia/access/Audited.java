package org.custodia.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import org.custodia.audit.AuditedAction;

/**
 * Marks a service method as one audited action: {@link AuditedCalls} asks the {@link AccessPolicy} before it runs
 * and writes exactly one audit entry for it however it ends. The subject is the parameter marked
 * {@link AuditSubject}; the method may refine subject and detail through {@link AuditedCall#current()}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** The action; not binding, so one interceptor serves every action. */
    @Nonbinding
    AuditedAction value();
}
