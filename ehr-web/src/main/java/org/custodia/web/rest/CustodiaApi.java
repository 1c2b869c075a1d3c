package org.custodia.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API for integration clients, under {@code /api}; its OpenAPI document is at {@code /openapi}. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Custodia", version = "1",
        description = "Consent-controlled sharing of encrypted health records between hospitals"))
public class CustodiaApi extends Application {
}
