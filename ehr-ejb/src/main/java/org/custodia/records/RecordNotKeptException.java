package org.custodia.records;

import jakarta.ejb.ApplicationException;

/**
 * The database refused a new record (its row, anchor command or audit entry) before its transaction could commit: the
 * transaction rolls back, so nothing of the record is kept and its envelope may go. A failure of the commit itself is
 * not this one, as the commit may have taken effect. Carries the database's failure as its cause.
 */
@ApplicationException(rollback = true)
public class RecordNotKeptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RecordNotKeptException(String recordId, RuntimeException cause) {
        super("record " + recordId + " was not kept: the database refused it before its transaction could commit",
                cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
