package org.custodia.web.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.kernel.Failure;
import org.custodia.kernel.SharingException;
import org.custodia.web.dto.ProblemDetails;
import org.junit.jupiter.api.Test;

class NodeApiServiceExceptionMapperTest {

    @Test
    void aFailureOfWhatThisNodeDependsOnNamesOnlyAReference() {
        ProblemDetails problem = NodeApiServiceExceptionMapper.unavailable(new DependencyUnavailableException(
                "chain node http://10.0.0.5:8545 did not answer when trying to log the access"),
                "/custodia/node-api/v1/records/ab/re-encryption");

        assertEquals(503, problem.status);
        assertEquals("urn:custodia:problem:unavailable", problem.type);
        assertTrue(problem.detail.contains("cannot serve the call now") && problem.detail.contains("reference"),
                problem.detail);
        assertFalse(problem.detail.contains("10.0.0.5") || problem.detail.contains("chain node"), problem.detail);
    }

    @Test
    void aCustodianTheProxyCannotReachIsNamedWithoutWhatTheProxyReached() {
        ProblemDetails problem = NodeApiServiceExceptionMapper.custodianUnreachable(new SharingException(
                Failure.CUSTODIAN_UNREACHABLE, "custodian 0xab at http://10.0.0.7:5432/x cannot be reached: "
                        + "HTTP 401: internal service banner"), "/custodia/node-api/v1/records/ab/re-encryption");

        assertEquals(502, problem.status);
        assertEquals("urn:custodia:problem:custodian-unreachable", problem.type);
        assertTrue(problem.detail.contains("reference"), problem.detail);
        // the reference is a random UUID, which may hold "401" itself
        String words = problem.detail.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                "<reference>");
        assertFalse(words.contains("10.0.0.7") || words.contains("banner") || words.contains("401"), problem.detail);
    }
}
