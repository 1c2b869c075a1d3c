package org.custodia.sharing;

import org.custodia.kernel.Failure;
import org.custodia.kernel.ServiceException;

/** Another request of this node is still retrieving the record; once it completes, the record is kept here. */
public class RetrievalUnderWayException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public RetrievalUnderWayException(String recordId) {
        super("record " + recordId + " is being retrieved by another request of this hospital; open it from the "
                + "patient's records once that retrieval completes, or try again");
    }

    @Override
    public Failure failure() {
        return Failure.CONFLICT;
    }
}
