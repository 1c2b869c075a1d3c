package org.custodia.sharing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.outbox.CommandHandler;
import org.custodia.outbox.CommandOutcome;
import org.custodia.outbox.PendingCommand;
import org.custodia.patients.PatientCustody;
import org.custodia.patients.PatientRegistry;
import org.custodia.patients.Pseudonym;

/**
 * Outbox command: reconcile the proxies' re-keys of one of this hospital's patients for one other hospital
 * (subject {@code <pseudonym hex>:<hospital address>}). See {@link ReKeyIssuer}.
 */
@ApplicationScoped
public class ReKeyCommand implements CommandHandler {

    public static final String KIND = "sharing.re-key";
    /** How many of a command's attempts take a proxy's refusal for a passing one (2, 4, 8, 15 and 15 s apart). */
    static final int QUICK_RETRIES_OF_REFUSALS = 5;

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    @EJB
    private PatientRegistry patients;

    @Inject
    private ReKeyIssuer issuer;

    private final Clock clock = Clock.systemUTC();

    static String subject(String patientPseudonym, String hospital) {
        return patientPseudonym + ":" + hospital;
    }

    /**
     * The longest wait between attempts: a proxy that was down gets its re-keys within this long of the end of its
     * 30 s rest ({@link SilentProxies}); an attempt is one signed call per proxy that has not applied them.
     */
    @Override
    public Duration maximumRetryDelay() {
        return Duration.ofSeconds(15);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CommandOutcome carryOut(PendingCommand command) {
        String subject = command.subject();
        int colon = subject.indexOf(':');
        Optional<PatientCustody> patient = patients.custodyOf(new Pseudonym(subject.substring(0, colon)));
        if (patient.isEmpty()) {
            return new CommandOutcome.Done(Optional.empty(), null, clock.instant());
        }
        try (LedgerConnection chain = ledger.getConnection()) {
            return soonAgainIfRefusedAtFirst(issuer.reconcile(chain, patient.get(),
                    LedgerAddress.fromHex(subject.substring(colon + 1)), clock.instant()), command.attempts());
        } catch (LedgerException e) {
            return new CommandOutcome.Retry(e.getMessage(), Optional.empty());
        }
    }

    /**
     * A proxy's refusal, for the command's first {@value #QUICK_RETRIES_OF_REFUSALS} attempts, as a failure tried
     * again within seconds rather than a conflict left for minutes: a refusal may pass at once (the proxy's chain
     * node a block behind the hospital's new PRE key, a call outside the signature window while clocks settle).
     */
    static CommandOutcome soonAgainIfRefusedAtFirst(CommandOutcome outcome, int failedAttempts) {
        if (outcome instanceof CommandOutcome.Conflict conflict && failedAttempts < QUICK_RETRIES_OF_REFUSALS) {
            return new CommandOutcome.Retry(conflict.reason(), Optional.empty());
        }
        return outcome;
    }

    @Override
    public void completed(String subject, CommandOutcome.Done done) {
        // the proxies hold the effect
    }
}
