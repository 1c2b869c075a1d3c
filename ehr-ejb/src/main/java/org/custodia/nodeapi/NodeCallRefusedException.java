package org.custodia.nodeapi;

/**
 * A node-to-node call was refused. The message says what to fix for the operator of the calling node (sign the
 * call, check the clocks, register the member...) and never repeats what the caller sent beyond its address.
 */
public final class NodeCallRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RefusalReason reason;

    public NodeCallRefusedException(RefusalReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the call was refused. */
    public RefusalReason reason() {
        return reason;
    }

    /** The HTTP status to answer with: 401 or 403. */
    public int status() {
        return reason.status();
    }
}
