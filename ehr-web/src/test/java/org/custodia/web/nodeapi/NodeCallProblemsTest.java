package org.custodia.web.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.custodia.nodeapi.RefusalReason;
import org.custodia.web.dto.ProblemDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeCallProblemsTest {

    @Test
    void eachReasonHasItsProblemTypeInKebabCase() {
        assertEquals("urn:custodia:problem:node-call-bad-signature",
                NodeCallProblems.refused(RefusalReason.BAD_SIGNATURE, "d", "/i").type);
        assertEquals("urn:custodia:problem:node-call-not-a-member",
                NodeCallProblems.refused(RefusalReason.NOT_A_MEMBER, "d", "/i").type);
        assertEquals(RefusalReason.values().length, Arrays.stream(RefusalReason.values())
                .map(reason -> NodeCallProblems.refused(reason, "d", "/i").type).distinct().count());
    }

    @ParameterizedTest
    @EnumSource(RefusalReason.class)
    void aRefusalIsAnsweredWithItsStatusAndDetail(RefusalReason reason) {
        ProblemDetails problem = NodeCallProblems.refused(reason, "sign every call afresh",
                "/custodia/node-api/v1/ping");

        assertEquals(reason.status(), problem.status);
        assertEquals("sign every call afresh", problem.detail);
        assertEquals("/custodia/node-api/v1/ping", problem.instance);
    }

    @Test
    void aCallerThatCannotBeCheckedGetsOnlyAReference() {
        ProblemDetails problem = NodeCallProblems.unavailable("ref-1", "/custodia/node-api/v1/ping");

        assertEquals(503, problem.status);
        assertEquals("urn:custodia:problem:unavailable", problem.type);
        assertTrue(problem.detail.contains("reference ref-1"), problem.detail);
    }

    @Test
    void aMethodThatNamesNoRoleIsForbiddenToAll() {
        ProblemDetails problem = NodeCallProblems.closed("/custodia/node-api/v1/ping");

        assertEquals(403, problem.status);
        assertEquals("urn:custodia:problem:forbidden", problem.type);
    }

    @Test
    void aSignedBodyTooLargeIs413NamingTheSetting() {
        ProblemDetails problem = NodeCallProblems.tooLarge(65_536, "/custodia/node-api/v1/re-keys/a/b/c");

        assertEquals(413, problem.status);
        assertEquals("urn:custodia:problem:too-large", problem.type);
        assertTrue(problem.detail.contains("65536 bytes of content (custodia.node-api.max-signed-body-bytes"),
                problem.detail);
    }
}
