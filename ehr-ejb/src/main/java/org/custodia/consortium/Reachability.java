package org.custodia.consortium;

/**
 * Whether a member answered this node's signed ping.
 *
 * @param millis  how long the answer took (also when it was a refusal)
 * @param problem why the member is not reachable, for an operator; null when it is
 */
public record Reachability(boolean reachable, long millis, String problem) {
}
