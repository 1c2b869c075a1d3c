package org.custodia.consortium;

import java.util.Locale;

import org.custodia.kernel.Failure;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.ServiceException;

/** What was asked for is served by nodes of another role (e.g. hospital discovery on a proxy). */
public class NotOnThisNodeException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public NotOnThisNodeException(String message) {
        super(message);
    }

    /**
     * Refuses unless this node has {@code role}.
     *
     * @param what the service asked for, e.g. "consortium discovery"
     */
    public static void requireRole(NodeSettings settings, NodeRole role, String what) {
        if (settings.role() != role) {
            throw new NotOnThisNodeException(what + " is served by " + role.name().toLowerCase(Locale.ROOT)
                    + " nodes; this node is a " + settings.role().name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public Failure failure() {
        return Failure.NOT_FOUND;
    }
}
