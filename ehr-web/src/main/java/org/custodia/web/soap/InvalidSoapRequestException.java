package org.custodia.web.soap;

/** A request that is not a SOAP message this service reads; refused before any of it reaches a service. */
public class InvalidSoapRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSoapRequestException(String message) {
        super(message);
    }
}
