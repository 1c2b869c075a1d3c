package org.custodia.kernel;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The container's default managed thread factory as a CDI bean, so that beans that run work beside a request (the
 * file store's writes behind an upload, the outbox's attempts) take their threads from the container and can have
 * them injected in their constructors.
 */
@Dependent
public class ContainerThreads {

    @Produces
    @Resource
    private ManagedThreadFactory threads;
}
