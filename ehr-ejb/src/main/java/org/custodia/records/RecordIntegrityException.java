package org.custodia.records;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/**
 * A record's stored envelope is not what was recorded: its bytes do not hash to the recorded SHA-256 or to the hash
 * anchored on chain, it does not authenticate, or it is missing. The download is refused and audited; the file store
 * needs an operator's attention.
 */
public class RecordIntegrityException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public RecordIntegrityException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }
}
