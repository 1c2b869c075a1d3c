package org.custodia.web.pages;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.custodia.node.NodeStatusService;
import org.custodia.web.dto.NodeStatusView;

/** Backs the start page: which node this is and what state it is in. */
@Named
@RequestScoped
public class NodeOverview {

    @EJB
    private NodeStatusService nodeStatus;

    private NodeStatusView status;

    public NodeStatusView getStatus() {
        if (status == null) {
            status = NodeStatusView.of(nodeStatus.status());
        }
        return status;
    }
}
