package org.custodia.nodeapi;

import java.util.Optional;

import org.custodia.kernel.NodeRole;

/** The consortium's current members as the chain records them. */
@FunctionalInterface
public interface Membership {

    /**
     * The role of the member with ledger address {@code address} ({@code 0x} and 40 lowercase hex digits); empty
     * when the address is not, or no longer, a member. Throws
     * {@link org.custodia.kernel.DependencyUnavailableException} when the chain cannot be asked.
     */
    Optional<NodeRole> roleOf(String address);
}
