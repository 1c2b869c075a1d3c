package org.custodia.web.soap;

import jakarta.ejb.EJB;
import jakarta.jws.WebMethod;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

import org.custodia.node.NodeStatusService;
import org.custodia.web.dto.NodeStatusView;

/** SOAP endpoint for integration clients; the WSDL is at {@code /custodia/NodeService?wsdl}. */
@WebService(serviceName = "NodeService", portName = "NodePort", name = "Node",
        targetNamespace = NodeWebService.NAMESPACE)
public class NodeWebService {

    public static final String NAMESPACE = "urn:custodia:node:1";

    @EJB
    private NodeStatusService nodeStatus;

    @WebMethod(operationName = "getStatus")
    @WebResult(name = "nodeStatus")
    public NodeStatusView getStatus() {
        return NodeStatusView.of(nodeStatus.status());
    }
}
