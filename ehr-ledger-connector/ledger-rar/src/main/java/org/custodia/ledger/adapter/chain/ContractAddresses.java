package org.custodia.ledger.adapter.chain;

import java.util.Objects;

import org.custodia.ledger.api.LedgerAddress;

/** Where the three access contracts are deployed. */
public record ContractAddresses(LedgerAddress consortiumRegistry, LedgerAddress recordRegistry,
        LedgerAddress consentRegistry) {

    public ContractAddresses {
        Objects.requireNonNull(consortiumRegistry, "the consortium registry address is not configured");
        Objects.requireNonNull(recordRegistry, "the record registry address is not configured");
        Objects.requireNonNull(consentRegistry, "the consent registry address is not configured");
    }
}
