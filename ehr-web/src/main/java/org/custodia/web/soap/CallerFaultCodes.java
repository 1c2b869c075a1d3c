package org.custodia.web.soap;

import java.util.Iterator;
import java.util.Set;

import javax.xml.namespace.QName;

import jakarta.xml.soap.Detail;
import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.Node;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;

import com.sun.xml.ws.api.handler.MessageHandler;
import com.sun.xml.ws.api.handler.MessageHandlerContext;
import com.sun.xml.ws.api.message.Message;
import com.sun.xml.ws.api.message.Messages;

/**
 * Gives an operation's fault for the caller's mistake (its Problem's status below 500: invalid, forbidden, not found,
 * no grant, ...) the code {@code Client} (SOAP 1.1) or {@code Sender} (SOAP 1.2, with HTTP 400), as the faults
 * answered before the runtime have: JAX-WS answers every declared fault as the server's, and a client that retries
 * server faults would send a refused request again. Faults of this node's own (unavailable, storage full, a custodian
 * or proxy out of reach) keep {@code Server} / {@code Receiver}. Only faults are read, so documents stay streamed.
 */
public class CallerFaultCodes implements MessageHandler<MessageHandlerContext> {

    private static final int FIRST_SERVER_STATUS = 500;

    @Override
    public Set<QName> getHeaders() {
        return Set.of();
    }

    @Override
    public boolean handleMessage(MessageHandlerContext context) {
        return true;
    }

    @Override
    public boolean handleFault(MessageHandlerContext context) {
        Message message = context.getMessage();
        if (!Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY)) || message == null
                || !message.isFault()) {
            return true;
        }
        try {
            SOAPMessage soap = message.readAsSOAPMessage();
            SOAPFault fault = soap.getSOAPBody().getFault();
            if (fault != null && isCallersMistake(fault)) {
                if (SOAPConstants.URI_NS_SOAP_1_2_ENVELOPE.equals(fault.getNamespaceURI())) {
                    fault.setFaultCode(SOAPConstants.SOAP_SENDER_FAULT);
                    context.put(MessageContext.HTTP_RESPONSE_CODE, 400);
                } else {
                    fault.setFaultCode(fault.createQName("Client", soap.getSOAPPart().getEnvelope().getPrefix()));
                }
            }
            context.setMessage(Messages.create(soap));
        } catch (SOAPException e) {
            throw new WebServiceException("cannot read the fault answered", e);
        }
        return true;
    }

    /** Whether the fault's detail is the contract's Problem with a status below 500. */
    private static boolean isCallersMistake(SOAPFault fault) {
        Detail detail = fault.getDetail();
        if (detail == null) {
            return false;
        }
        for (Iterator<DetailEntry> entries = detail.getDetailEntries(); entries.hasNext(); ) {
            DetailEntry entry = entries.next();
            if (!RecordsEndpoint.NAMESPACE.equals(entry.getNamespaceURI())) {
                continue;
            }
            for (Iterator<Node> children = entry.getChildElements(new QName(RecordsEndpoint.NAMESPACE, "status"));
                    children.hasNext(); ) {
                if (children.next() instanceof SOAPElement status) {
                    try {
                        return Integer.parseInt(status.getTextContent().strip()) < FIRST_SERVER_STATUS;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void close(MessageContext context) {
        // nothing held
    }
}
