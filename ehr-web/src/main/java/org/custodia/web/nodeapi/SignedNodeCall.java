package org.custodia.web.nodeapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.custodia.kernel.NodeRole;

/**
 * The consortium roles whose members may call a node API endpoint (on the method, or on the resource class for all
 * its methods). Every endpoint of the node API must name them: {@link SignedNodeCalls} refuses every call to one
 * that does not, so no endpoint is left open by mistake.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SignedNodeCall {

    /** The roles allowed; at least one. */
    NodeRole[] value();
}
