package org.custodia.ledger.api;

import java.io.Serializable;

/**
 * The result of a transaction that created a numbered entry (a grant, an access request, an emergency
 * declaration, an access log entry): the entry's id and the transaction.
 */
public record Issued(long id, TransactionResult transaction) implements Serializable {
}
