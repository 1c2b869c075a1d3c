package org.custodia.access;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.custodia.audit.AuditOutcome;
import org.custodia.audit.AuditTrail;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.ServiceException;

/**
 * Runs every {@link Audited} method as one audited action: the {@link AccessPolicy} decides first (a refusal is
 * audited there and the method never runs); then exactly one entry is written however the method ends: succeeded,
 * refused (a service refusal), or failed (a dependency, the file store or the client's stream), unless the method
 * wrote its succeeded entry with its result ({@link AuditedCall#succeededInThisTransaction()}). A succeeded method
 * that runs in a transaction gets its entry in that transaction ({@link AuditEntries}).
 */
@Audited(AuditedAction.ACCESS_DENIED) // the member is @Nonbinding: this binds to every @Audited method
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditedCalls {

    // looked up once, neither @EJB nor @Inject: an interceptor runs in the naming context of the bean it intercepts,
    // which has no @EJB references of the interceptor's own; and through Weld's proxy of an injected no-interface
    // bean the container builds and catches an exception on every call (two a request). Every audited bean lives in
    // this module, so java:module names both.
    private final ModuleBean<AccessPolicy> policy = new ModuleBean<>(AccessPolicy.class);
    private final ModuleBean<AuditTrail> audit = new ModuleBean<>(AuditTrail.class);
    private volatile AuditEntries entries;

    @AroundInvoke
    Object audited(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        Audited audited = method.getAnnotation(Audited.class);
        if (audited == null) {
            throw new IllegalStateException(method + " is intercepted as audited but names no action: annotate the "
                    + "method itself with @Audited(action)");
        }
        String subject = subjectOf(method, invocation.getParameters());
        Actor actor = policy.get().require(audited.value(), subject);
        return run(entries(), actor, audited.value(), subject, invocation::proceed);
    }

    /** An audited method's body. */
    @FunctionalInterface
    interface Body {
        Object run() throws Exception;
    }

    /**
     * Runs {@code body} as the audited action {@code action} of {@code actor} (whom the access policy allowed it),
     * writing its one entry however it ends; what the interceptor does once the policy decided.
     */
    static Object run(AuditEntries entries, Actor actor, AuditedAction action, String subject, Body body)
            throws Exception {
        AuditedCall call = AuditedCall.begin(entries, actor, action, subject);
        AuditOutcome outcome = AuditOutcome.FAILED;
        String failure = null;
        Throwable thrown = null;
        Object result = null;
        try {
            result = body.run();
            outcome = AuditOutcome.SUCCEEDED;
            return result;
        } catch (ServiceException e) {
            outcome = AuditOutcome.of(e);
            failure = e.getMessage();
            thrown = e;
            throw e;
        } catch (IOException e) {
            // a connection that ended mid-body gives an EOFException without a message
            failure = "not completed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            thrown = e;
            throw e;
        } catch (RuntimeException | Error e) {
            failure = "failed: " + e.getClass().getSimpleName();
            thrown = e;
            throw e;
        } finally {
            try {
                call.end(outcome, failure);
            } catch (RuntimeException auditFailure) {
                // the entry could not be written: that is what the caller is told, with the action's own failure
                if (thrown != null && thrown != auditFailure) {
                    auditFailure.addSuppressed(thrown);
                }
                closeUnreturned(result, auditFailure);
                throw auditFailure;
            }
        }
    }

    /**
     * Closes a result the caller will not get, since its entry could not be written: an opened record holds a key or
     * plaintext until it is closed.
     */
    private static void closeUnreturned(Object result, RuntimeException auditFailure) {
        if (result instanceof AutoCloseable unreturned) {
            try {
                unreturned.close();
            } catch (Exception e) {
                auditFailure.addSuppressed(e);
            }
        }
    }

    private AuditEntries entries() {
        AuditEntries known = entries;
        if (known == null) {
            try {
                known = new AuditEntries(audit.get(),
                        InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry"));
            } catch (NamingException e) {
                throw new IllegalStateException("cannot audit: the container's transaction synchronization registry "
                        + "is not bound at java:comp/TransactionSynchronizationRegistry", e);
            }
            entries = known;
        }
        return known;
    }

    private static String subjectOf(Method method, Object[] arguments) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof AuditSubject) {
                    return arguments[i] == null ? null : arguments[i].toString();
                }
            }
        }
        return null;
    }

    /** A bean of this module, looked up on first use and kept (volatile: singletons' calls may race to it). */
    private static final class ModuleBean<T> {

        private final Class<T> type;
        private volatile T bean;

        ModuleBean(Class<T> type) {
            this.type = type;
        }

        T get() {
            T known = bean;
            if (known == null) {
                String name = "java:module/" + type.getSimpleName() + "!" + type.getName();
                try {
                    known = type.cast(InitialContext.doLookup(name));
                } catch (NamingException e) {
                    throw new IllegalStateException("cannot audit: " + name + " is not bound in the module of the "
                            + "audited bean (every @Audited bean must be in the EJB module)", e);
                }
                bean = known;
            }
            return known;
        }
    }
}
