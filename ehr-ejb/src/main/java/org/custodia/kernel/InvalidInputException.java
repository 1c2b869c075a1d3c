package org.custodia.kernel;

/** A request's data is malformed or incomplete; the message says which field and what is expected. */
public class InvalidInputException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.INVALID;
    }
}
