package org.custodia.web.rest;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API for integration clients and staff tools, under {@code /api}; its OpenAPI document is at
 * {@code /openapi}. Everything but {@code /api/node} requires a staff member signed in with HTTP Basic; errors are
 * RFC 7807 problem details. Its classes are listed here, so that it does not also serve the node API's endpoints
 * ({@code org.custodia.web.nodeapi}), which authenticate other nodes by their signatures.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Custodia", version = "1",
        description = "Consent-controlled sharing of encrypted health records between hospitals"))
@SecurityScheme(securitySchemeName = CustodiaApi.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A staff member's username and password")
public class CustodiaApi extends Application {

    /** Name of the HTTP Basic security scheme in the OpenAPI document. */
    static final String BASIC = "staff-basic";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(NodeResource.class, PatientResource.class, PatientRecordsResource.class, RecordResource.class,
                ConsortiumResource.class, PatientConsortiumRecordsResource.class, StaffResource.class,
                AuditResource.class, ChainEventResource.class, AccessRequestResource.class, GrantResource.class,
                EmergencyAccessResource.class, RetrievalResource.class, ProxyStatusResource.class,
                HealthDetailsResource.class, OutboxResource.class, JsonBodyLimit.class, ServiceExceptionMapper.class,
                InvalidInputMapper.class, WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class);
    }
}
