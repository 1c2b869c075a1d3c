package org.custodia.nodeapi;

/**
 * A received header field is missing or not in the form the node-to-node profile accepts. The message names the
 * field and the form expected, never the value received.
 */
public class MalformedFieldException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedFieldException(String message) {
        super(message);
    }
}
