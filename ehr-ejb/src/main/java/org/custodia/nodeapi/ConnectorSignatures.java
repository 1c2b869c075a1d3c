package org.custodia.nodeapi;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.kernel.DependencyUnavailableException;
import org.custodia.ledger.api.InvalidSignatureException;
import org.custodia.ledger.api.LedgerConnection;
import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.api.LedgerException;
import org.custodia.ledger.api.LedgerSignatures;

/**
 * Ledger signatures through the ledger connector, in its one format (EIP-191 personal messages, see
 * {@link LedgerSignatures}): this node's account signs its calls with the key the connector holds, and the signer of
 * any call it receives is recovered with the connector's secp256k1 arithmetic. Neither touches a chain node; call them
 * outside a transaction, as the connector's connections join none.
 */
@ApplicationScoped
public class ConnectorSignatures implements LedgerSigning, SignerRecovery {

    @Resource(lookup = "java:app/eis/ledger")
    private LedgerConnectionFactory ledger;

    protected ConnectorSignatures() {
        // for CDI
    }

    ConnectorSignatures(LedgerConnectionFactory ledger) {
        this.ledger = ledger;
    }

    /** @throws DependencyUnavailableException when the connector hands out no connection */
    @Override
    public String address() {
        try (LedgerConnection chain = ledger.getConnection()) {
            return chain.account().toString();
        } catch (LedgerException e) {
            throw unavailable(e);
        }
    }

    /** @throws DependencyUnavailableException when the connector hands out no connection */
    @Override
    public byte[] sign(byte[] message) {
        try (LedgerConnection chain = ledger.getConnection()) {
            return chain.sign(message);
        } catch (LedgerException e) {
            throw unavailable(e);
        }
    }

    /**
     * Refuses a malformed signature before it takes a connection, so such a call is refused (and audited) even while
     * the connector hands out none.
     *
     * @throws DependencyUnavailableException when the connector hands out no connection for a well-formed signature
     */
    @Override
    public String recover(byte[] message, byte[] signature) throws MalformedSignatureException {
        try {
            LedgerSignatures.components(signature);
        } catch (InvalidSignatureException e) {
            throw new MalformedSignatureException(e.getMessage());
        }
        try (LedgerConnection chain = ledger.getConnection()) {
            return chain.recoverSigner(message, signature).toString();
        } catch (InvalidSignatureException e) {
            throw new MalformedSignatureException(e.getMessage());
        } catch (LedgerException e) {
            throw new DependencyUnavailableException("the ledger connector hands out no connection, so this node "
                    + "cannot check who signed the calls it receives (check the java:app/eis/ledger pool): "
                    + e.getMessage(), e);
        }
    }

    private static DependencyUnavailableException unavailable(LedgerException e) {
        return new DependencyUnavailableException("the ledger connector hands out no connection, so this node cannot "
                + "sign its calls to other nodes (check the java:app/eis/ledger pool and the node's ledger account): "
                + e.getMessage(), e);
    }
}
