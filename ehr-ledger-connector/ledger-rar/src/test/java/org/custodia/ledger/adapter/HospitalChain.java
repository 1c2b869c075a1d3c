package org.custodia.ledger.adapter;

import static org.custodia.ledger.adapter.ConnectorFixture.HOSPITAL_A;

import java.nio.file.Path;

import org.custodia.ledger.api.LedgerConnectionFactory;
import org.custodia.ledger.testing.AnvilNode;

/**
 * A fresh anvil chain with the contracts deployed, and Hospital A's resource adapter and connection factory on it
 * (2 ms receipt polling): what the connector's concurrency tests start for each test.
 */
final class HospitalChain implements AutoCloseable {

    final AnvilNode anvil;
    final ConnectorFixture fixture;
    final LedgerResourceAdapter adapter;
    final LedgerConnectionFactory factory;

    /** @param keystores where the accounts' wallet files are written */
    HospitalChain(Path keystores) {
        anvil = AnvilNode.start();
        fixture = new ConnectorFixture(anvil, keystores);
        adapter = fixture.adapter(HOSPITAL_A);
        factory = ConnectorFixture.connectionFactory(adapter);
    }

    @Override
    public void close() {
        adapter.stop();
        fixture.close();
        anvil.close();
    }
}
