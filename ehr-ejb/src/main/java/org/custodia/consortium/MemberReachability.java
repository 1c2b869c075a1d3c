package org.custodia.consortium;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Future;

import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.custodia.access.Audited;
import org.custodia.access.AuditedCall;
import org.custodia.audit.AuditedAction;
import org.custodia.kernel.ServiceException;
import org.custodia.nodeapi.NodeApiBase;
import org.custodia.nodeapi.NodeApiClient;

/**
 * Pings another member's node API with a signed call, as an operator checks the links of a node: it proves the
 * member's endpoint on chain answers, that it takes this node for a member, and that the clocks agree. Each ping runs
 * on a container thread of its own (with the caller's identity, for the access check and the audit), so a page that
 * asks every member waits for the slowest, not for the sum of them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MemberReachability {

    /** How long a member may take to answer: a status page must not hang on one that accepts and stays silent. */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    @Inject
    private NodeApiClient client;

    /** The member's answer once its ping ends; a ping ends within {@link #PING_TIMEOUT} of being sent. */
    @Asynchronous
    @Audited(AuditedAction.NODE_STATUS_READ)
    public Future<Reachability> check(ConsortiumMember member) {
        AuditedCall.current().subject(member.account().toString());
        long started = System.nanoTime();
        Reachability result;
        try {
            String target = NodeApiBase.of(member.endpoint().toString()).targetUri("/ping", null);
            HttpResponse<InputStream> answer = client.send("GET", target, new byte[0], null, PING_TIMEOUT);
            answer.body().close();
            long millis = (System.nanoTime() - started) / 1_000_000;
            result = answer.statusCode() == 200 ? new Reachability(true, millis, null)
                    : new Reachability(false, millis, "it answered HTTP " + answer.statusCode()
                            + (answer.statusCode() == 401 || answer.statusCode() == 403
                            ? " (it does not accept this node's signature: membership or clocks)" : ""));
        } catch (IOException | IllegalArgumentException | ServiceException e) {
            result = new Reachability(false, (System.nanoTime() - started) / 1_000_000,
                    "not reachable at " + member.endpoint() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Reachability(false, (System.nanoTime() - started) / 1_000_000, "interrupted");
        }
        AuditedCall.current().detail(result.reachable() ? "reachable in " + result.millis() + " ms" : "unreachable");
        return new AsyncResult<>(result);
    }
}
