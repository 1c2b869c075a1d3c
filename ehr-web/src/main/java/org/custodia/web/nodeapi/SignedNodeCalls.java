package org.custodia.web.nodeapi;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

import org.custodia.kernel.NodeRole;
import org.custodia.nodeapi.NodeApiSettings;
import org.custodia.nodeapi.NodeCallAuthenticator;

/**
 * Puts a filter in front of every resource method of the node API, at authentication priority: a
 * {@link SignedNodeCallFilter} with the roles the method's {@link SignedNodeCall} names, or, for a method that names
 * none (an endpoint without the annotation, or one the JAX-RS runtime adds itself, such as {@code OPTIONS}), a
 * filter that refuses every call. No node API endpoint is open.
 */
@ApplicationScoped
public class SignedNodeCalls implements DynamicFeature {

    @Inject
    private NodeCallAuthenticator authenticator;

    @Inject
    private NodeApiSettings settings;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        SignedNodeCall signed = annotationOf(resource);
        if (signed == null || signed.value().length == 0) {
            context.register(new Closed(authenticator), Priorities.AUTHENTICATION);
            return;
        }
        EnumSet<NodeRole> roles = EnumSet.copyOf(Arrays.asList(signed.value()));
        context.register(new SignedNodeCallFilter(roles, authenticator, settings), Priorities.AUTHENTICATION);
    }

    private static SignedNodeCall annotationOf(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(SignedNodeCall.class)) {
            return method.getAnnotation(SignedNodeCall.class);
        }
        Class<?> type = resource.getResourceClass();
        return type == null ? null : type.getAnnotation(SignedNodeCall.class);
    }

    /** Refuses (403) and audits every call: the method names no role whose members may call it. */
    public static final class Closed implements ContainerRequestFilter {

        private final NodeCallAuthenticator authenticator;

        Closed(NodeCallAuthenticator authenticator) {
            this.authenticator = authenticator;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            // as sent, percent-encoding kept, as SignedNodeCallFilter audits it
            String instance = request.getUriInfo().getRequestUri().getRawPath();
            authenticator.refusedUnchecked(request.getMethod(), instance, "closed: the endpoint names no role whose "
                    + "members may call it");
            request.abortWith(NodeCallProblems.response(NodeCallProblems.closed(instance)));
        }
    }
}
