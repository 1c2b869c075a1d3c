package org.custodia.web.dto;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import org.custodia.node.NodeStatus;

/** The node's status as pages, REST (JSON) and SOAP (XML) present it. */
@XmlRootElement(name = "nodeStatus")
@XmlType(name = "NodeStatus", propOrder = {"name", "role", "version", "schemaVersion", "startedAt"})
@XmlAccessorType(XmlAccessType.PROPERTY)
public class NodeStatusView {

    private String name;
    private String role;
    private String version;
    private String schemaVersion;
    private String startedAt;

    public NodeStatusView() {
        // for JSON-B and JAXB
    }

    public static NodeStatusView of(NodeStatus status) {
        NodeStatusView view = new NodeStatusView();
        view.name = status.name();
        view.role = status.role().name().toLowerCase(java.util.Locale.ROOT);
        view.version = status.version();
        view.schemaVersion = status.schemaVersion();
        view.startedAt = status.startedAt().toString();
        return view;
    }

    /** Display name of the node. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** {@code hospital} or {@code proxy}. */
    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    /** Database schema version; absent while the database is not migrated. */
    public String getSchemaVersion() {
        return schemaVersion;
    }

    public void setSchemaVersion(String schemaVersion) {
        this.schemaVersion = schemaVersion;
    }

    /** ISO-8601 instant the application started. */
    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }
}
