package org.custodia.ledger.adapter.chain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.web3j.protocol.core.Response;

/**
 * Classifies JSON-RPC error answers. Nodes differ in codes and wording (anvil answers a revert with code 3, Besu
 * with -32000 and "Execution reverted"), so both code and message are considered.
 */
final class RpcErrors {

    private static final Pattern HEX_DATA = Pattern.compile("0x[0-9a-fA-F]*");

    private RpcErrors() {
    }

    static boolean isRevert(Response.Error error) {
        return error.getCode() == 3 || message(error).contains("revert");
    }

    /** The revert data ({@code 0x...}) in the error's {@code data} member, or null when there is none. */
    static String revertData(Response.Error error) {
        String data = error.getData();
        if (data == null) {
            return null;
        }
        Matcher hex = HEX_DATA.matcher(data);
        return hex.find() ? hex.group() : null;
    }

    /** The node already has a transaction with this nonce from this account. */
    static boolean isNonceConflict(Response.Error error) {
        String message = message(error);
        return message.contains("nonce too low") || message.contains("nonce is too low")
                || message.contains("replacement transaction underpriced") || message.contains("known transaction")
                || message.contains("already known") || message.contains("nonce too high");
    }

    /** Whether the node refused a transaction because it has it already (pending or mined). */
    static boolean isAlreadyKnown(Response.Error error) {
        String message = message(error);
        return message.contains("already known") || message.contains("known transaction");
    }

    private static String message(Response.Error error) {
        return error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
    }
}
