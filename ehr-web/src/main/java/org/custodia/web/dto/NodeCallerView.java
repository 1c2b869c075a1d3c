package org.custodia.web.dto;

import java.util.Locale;

import org.custodia.nodeapi.VerifiedCaller;

/** The member a node call was verified to come from, as the node API answers it (JSON). */
public class NodeCallerView {

    private String address;
    private String role;

    public NodeCallerView() {
        // for JSON-B
    }

    public static NodeCallerView of(VerifiedCaller caller) {
        NodeCallerView view = new NodeCallerView();
        view.address = caller.address();
        view.role = caller.role().name().toLowerCase(Locale.ROOT);
        return view;
    }

    /** The caller's ledger address: {@code 0x} and 40 lowercase hex digits. */
    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    /** {@code hospital} or {@code proxy}. */
    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }
}
