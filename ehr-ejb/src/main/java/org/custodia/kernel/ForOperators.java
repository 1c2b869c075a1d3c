package org.custodia.kernel;

import java.util.Optional;

/**
 * A failure whose message is written for the node's operators (a path, a setting, a URL), which staff cannot act
 * on. Staff on the pages read {@link #forStaff()} instead, with a reference under which the server log holds the
 * message, or only that a service is unavailable when there is nothing more to tell them. Integration teams, who
 * operate their own side, get the message.
 */
public interface ForOperators {

    /** What staff should know and do; empty when there is no more to say than that a service is unavailable. */
    Optional<String> forStaff();
}
