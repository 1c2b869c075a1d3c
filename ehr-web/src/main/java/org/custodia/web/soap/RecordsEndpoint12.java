package org.custodia.web.soap;

import jakarta.jws.HandlerChain;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.MTOM;
import jakarta.xml.ws.soap.SOAPBinding;

import com.sun.xml.ws.developer.StreamingAttachment;

/** The records contract over SOAP 1.2 at {@code /RecordsService12}: the same operations as {@link RecordsEndpoint}. */
@WebService(serviceName = "RecordsService", portName = "RecordsPort12", targetNamespace = RecordsEndpoint.NAMESPACE,
        endpointInterface = "org.custodia.web.soap.contract.Records")
@HandlerChain(file = "records-handlers.xml")
@BindingType(SOAPBinding.SOAP12HTTP_MTOM_BINDING)
@MTOM
@StreamingAttachment(parseEagerly = false, memoryThreshold = RecordsEndpoint.ATTACHMENT_MEMORY)
public class RecordsEndpoint12 extends RecordsEndpoint {
}
