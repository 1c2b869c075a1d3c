package org.custodia.web.rest;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.custodia.ledger.journal.ChainEventJournal;
import org.custodia.web.dto.ChainEventView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The access contracts' events as this node received them. */
@Path("chain-events")
@ApplicationScoped
@Tag(name = "Chain events")
public class ChainEventResource {

    @EJB
    private ChainEventJournal journal;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest contract events the node received, newest first, with how often each was"
            + " delivered")
    public List<ChainEventView> latest(@Parameter(description = "how many events, 1 to 500")
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return journal.latest(limit).stream().map(ChainEventView::of).toList();
    }
}
