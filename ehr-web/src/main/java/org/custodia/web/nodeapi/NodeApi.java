package org.custodia.web.nodeapi;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.custodia.nodeapi.NodeApiBase;
import org.custodia.web.rest.InvalidInputMapper;
import org.custodia.web.rest.UnexpectedExceptionMapper;
import org.custodia.web.rest.WebApplicationExceptionMapper;

/**
 * The API other nodes call, under {@code /node-api/v1} beside the staff API: every endpoint authenticates the
 * calling member by its RFC 9421 signature ({@link SignedNodeCalls}), never by HTTP Basic (web.xml's security
 * constraints leave this path alone). Errors are RFC 7807 problem details; a failure of what this node depends on
 * names only a reference into its log ({@link NodeApiServiceExceptionMapper}). Its classes are listed here, and the
 * staff API lists its own, so that neither application serves the other's endpoints.
 */
@ApplicationPath(NodeApiBase.PATH)
public class NodeApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(PingResource.class, ReKeyResource.class, ReEncryptionResource.class, EnvelopeResource.class,
                MetadataResource.class, SignedNodeCalls.class, NodeApiServiceExceptionMapper.class,
                InvalidInputMapper.class, WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class);
    }
}
