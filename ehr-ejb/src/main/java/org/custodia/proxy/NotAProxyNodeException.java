package org.custodia.proxy;

import java.util.Locale;

import org.custodia.kernel.Failure;
import org.custodia.kernel.NodeRole;
import org.custodia.kernel.NodeSettings;
import org.custodia.kernel.ServiceException;

/** A proxy service was asked of a hospital node: there is nothing of the kind here. */
public class NotAProxyNodeException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public NotAProxyNodeException(String message) {
        super(message);
    }

    /** Throws unless this node runs in the proxy role; {@code what} names the service, e.g. "re-encryption". */
    static void requireProxy(NodeSettings settings, String what) {
        NodeRole role = settings.role();
        if (role != NodeRole.PROXY) {
            throw new NotAProxyNodeException(what + " is served by proxy nodes; this node is a "
                    + role.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public Failure failure() {
        return Failure.NOT_FOUND;
    }
}
