package org.custodia.node;

import java.time.Instant;

import org.custodia.kernel.NodeRole;

/**
 * What a node says about itself to staff and to integration clients.
 *
 * @param name          display name of the node (its hospital or proxy operator)
 * @param role          its role in the consortium
 * @param version       application version
 * @param schemaVersion applied database schema version, or {@code null} while the database is not migrated
 * @param startedAt     when the application started on this node
 */
public record NodeStatus(String name, NodeRole role, String version, String schemaVersion, Instant startedAt) {
}
