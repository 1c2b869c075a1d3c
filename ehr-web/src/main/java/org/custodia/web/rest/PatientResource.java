package org.custodia.web.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.custodia.kernel.Given;
import org.custodia.patients.Demographics;
import org.custodia.patients.PatientQuery;
import org.custodia.patients.PatientRegistration;
import org.custodia.patients.PatientRegistry;
import org.custodia.web.dto.PatientRegistrationRequest;
import org.custodia.web.dto.PatientSearchRequest;
import org.custodia.web.dto.PatientView;
import org.custodia.web.dto.ProblemDetails;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Patients this hospital is custodian for. Clerks, physicians and nurses register and look up patients; privacy
 * officers look them up.
 */
@Path("patients")
@ApplicationScoped
@Tag(name = "Patients")
@SecurityRequirement(name = CustodiaApi.BASIC)
@APIResponse(responseCode = "401", description = "Not signed in",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "The caller's roles do not allow it (audited)",
        content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
public class PatientResource {

    @EJB
    private PatientRegistry patients;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a patient",
            description = "Computes the consortium pseudonym, generates the patient's PRE key pair (stored wrapped) and "
                    + "seals the demographics. Roles: clerk, physician, nurse.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = PatientView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "MRN or national id already registered; nothing changed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public Response register(PatientRegistrationRequest request) {
        PatientView created = PatientView.of(patients.register(Given.read(() -> {
            if (request == null) {
                throw new IllegalArgumentException("a JSON body with mrn, familyName, givenName, birthDate and "
                        + "nationalId is required");
            }
            return new PatientRegistration(request.mrn, new Demographics(request.familyName, request.givenName,
                    birthDate(request.birthDate), request.nationalId));
        })));
        return Response.created(URI.create("patients/" + created.id)).entity(created).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find a patient by MRN",
            description = "Roles: clerk, physician, nurse, privacy-officer. A national id never goes in a URL (URLs "
                    + "end up in logs and browser histories): search by national id with POST /patients/search.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PatientView.class)))
    @APIResponse(responseCode = "400", description = "No MRN, or a national id in the query string",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such patient",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public PatientView find(@QueryParam("mrn") @Parameter(description = "medical record number") String mrn,
            @Context UriInfo uri) {
        boolean nationalIdInUrl = uri.getQueryParameters().containsKey("nationalId");
        return PatientView.of(patients.search(Given.read(() -> {
            if (nationalIdInUrl) {
                throw new IllegalArgumentException("a national id is never sent in a URL: search with POST "
                        + "/patients/search and {\"nationalId\": ...} in the body");
            }
            if (mrn == null) {
                throw new IllegalArgumentException("give the query parameter mrn, or search with POST "
                        + "/patients/search");
            }
            return PatientQuery.byMrn(mrn);
        })));
    }

    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find a patient by MRN or by national id (give exactly one), sent in the body",
            description = "Roles: clerk, physician, nurse, privacy-officer.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PatientView.class)))
    @APIResponse(responseCode = "400", description = "Neither or both of mrn and nationalId",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such patient",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public PatientView search(PatientSearchRequest request) {
        return PatientView.of(patients.search(Given.read(() -> request == null ? new PatientQuery(null, null)
                : new PatientQuery(request.mrn, request.nationalId))));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A patient by id", description = "Roles: clerk, physician, nurse, privacy-officer.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PatientView.class)))
    @APIResponse(responseCode = "400", description = "The id not a UUID in its canonical form (audited as refused)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such patient",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE))
    public PatientView find(@PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            String id) {
        return PatientView.of(patients.find(ConsentInput.givenPatientId(id)));
    }

    private static LocalDate birthDate(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a birth date is required");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the birth date must be an ISO date such as 1980-02-29");
        }
    }
}
