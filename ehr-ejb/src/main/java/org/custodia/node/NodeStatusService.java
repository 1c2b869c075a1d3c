package org.custodia.node;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.custodia.kernel.ApplicationVersion;
import org.custodia.kernel.NodeSettings;
import org.custodia.persistence.SchemaMigration;

/** Reports the node's identity and state. */
@Stateless
public class NodeStatusService {

    @Inject
    private NodeSettings settings;

    @EJB
    private SchemaMigration schema;

    public NodeStatus status() {
        return new NodeStatus(settings.name(), settings.role(), ApplicationVersion.current(),
                schema.state().appliedVersion(), schema.startedAt());
    }
}
