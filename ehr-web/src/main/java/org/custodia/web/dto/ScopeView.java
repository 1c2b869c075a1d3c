package org.custodia.web.dto;

import org.custodia.sharing.ScopeDetails;
import org.custodia.sharing.ScopeRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The records a request or grant covers: one record, all of a category, or all of the patient's records. */
@Schema(name = "Scope")
public class ScopeView {

    @Schema(required = true, enumeration = {"record", "category", "all"})
    public String kind;
    @Schema(description = "For kind record: the record id (64 hex digits)")
    public String recordId;
    @Schema(description = "For kind category: a category code", example = "laboratory")
    public String category;

    public static ScopeView of(ScopeDetails scope) {
        ScopeView view = new ScopeView();
        view.kind = scope.kind();
        view.recordId = scope.recordId();
        view.category = scope.category();
        return view;
    }

    public ScopeRequest toRequest() {
        return new ScopeRequest(kind, recordId, category);
    }
}
