package org.custodia.sharing;

/**
 * Which way a consent entry points from this node: {@code OUTGOING} when this node asked, granted or declared it;
 * {@code INCOMING} when another node addressed it to this node (a request to this custodian, a grant to this
 * grantee, an emergency declared for one of this node's patients).
 */
public enum Direction {
    INCOMING, OUTGOING
}
