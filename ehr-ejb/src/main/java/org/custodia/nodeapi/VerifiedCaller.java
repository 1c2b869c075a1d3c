package org.custodia.nodeapi;

import org.custodia.kernel.NodeRole;

/**
 * The member a node-to-node call was verified to come from.
 *
 * @param address the member's ledger address ({@code 0x} and 40 lowercase hex digits)
 * @param role    its role in the consortium, the one the endpoint requires
 */
public record VerifiedCaller(String address, NodeRole role) {
}
