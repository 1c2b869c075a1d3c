package org.custodia.proxy;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/**
 * A re-key was refused because of what the chain says about its delegatee (not a hospital of the consortium, no PRE
 * public key published, or a published key other than the one the re-key is for) or about its custodian or delegatee
 * (removed from the consortium).
 */
public class ReKeyRefusedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public ReKeyRefusedException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }
}
