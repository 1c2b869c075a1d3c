package org.custodia.nodeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;

import org.custodia.kernel.Failure;
import org.custodia.testing.FakeNodeApiClient;
import org.junit.jupiter.api.Test;

/**
 * Another node's problem details, as this node repeats them in its messages, logs and audit entries: bounded and one
 * line, whatever the other node wrote (a member chooses its own answers).
 */
class NodeApiProblemTest {

    @Test
    void theProblemTypeAndTheOtherNodesExplanationAreRead() throws Exception {
        NodeApiProblem problem = answered(403, "{\"type\":\"urn:custodia:problem:no-grant\",\"status\":403,"
                + "\"detail\":\"nothing on chain lets the accessor read the record\"}");

        assertEquals(new NodeApiProblem(403, "no-grant", "nothing on chain lets the accessor read the record"),
                problem);
        assertEquals(Optional.of(Failure.NO_GRANT), problem.failure());
        assertEquals("HTTP 403 no-grant: nothing on chain lets the accessor read the record", problem.describe());
    }

    @Test
    void anExplanationIsOneBoundedLine() throws Exception {
        NodeApiProblem problem = answered(502, "{\"type\":\"urn:custodia:problem:custodian-unreachable\","
                + "\"detail\":\"first line\\nINFO: a forged log line\\u0000" + "x".repeat(1000) + "\"}");

        assertTrue(problem.detail().startsWith("first line\uFFFDINFO: a forged log line\uFFFD"), problem.detail());
        assertEquals(500, problem.detail().length());
    }

    @Test
    void anAnswerThatIsNoProblemDetailsKeepsItsStatusOnly() throws Exception {
        assertEquals(new NodeApiProblem(500, "", ""), answered(500, "<html>Internal error</html>"));
        assertEquals(new NodeApiProblem(404, "", "none"),
                answered(404, "{\"type\":\"about:blank\",\"detail\":\"none\"}"));
    }

    private static NodeApiProblem answered(int status, String body) throws Exception {
        return NodeApiProblem.read(new FakeNodeApiClient(new ArrayList<>()).answering(status, body)
                .send("GET", "https://proxy.example/custodia/node-api/v1/ping", new byte[0], null,
                        Duration.ofSeconds(1)));
    }
}
