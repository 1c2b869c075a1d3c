package org.custodia.web.pages;

import java.time.Instant;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.custodia.node.NodeStatus;
import org.custodia.node.NodeStatusService;
import org.custodia.web.dto.NodeStatusView;

/** Backs the start page: which node this is and what state it is in. */
@Named
@RequestScoped
public class NodeOverview {

    @EJB
    private NodeStatusService nodeStatus;

    private NodeStatus status;
    private NodeStatusView view;

    public NodeStatusView getStatus() {
        if (view == null) {
            view = NodeStatusView.of(status());
        }
        return view;
    }

    /** When the node started, for the pages to write as they write every time. */
    public Instant getStartedAt() {
        return status().startedAt();
    }

    private NodeStatus status() {
        if (status == null) {
            status = nodeStatus.status();
        }
        return status;
    }
}
