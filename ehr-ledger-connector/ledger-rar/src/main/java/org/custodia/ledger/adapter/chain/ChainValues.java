package org.custodia.ledger.adapter.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.TransactionResult;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Conversions between the API's value types and the Java types of the generated contract wrappers. */
final class ChainValues {

    private static final byte[] ZERO = new byte[Bytes32.LENGTH];

    /** The latest time a node reads from the contracts: the last second of the year 9999. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final BigInteger LATEST_SECONDS = BigInteger.valueOf(LATEST.getEpochSecond());

    private ChainValues() {
    }

    static Bytes32 bytes32(byte[] value) {
        return Bytes32.of(value);
    }

    static LedgerAddress address(String value) {
        return LedgerAddress.fromHex(value);
    }

    /**
     * Unix seconds as the contracts keep them (uint64). A time past {@link #LATEST}, which a member may set (an
     * expiry) but no database column holds, is read as {@code LATEST}: as far off for every purpose, and it never
     * stops a node from reading the event or entry that carries it.
     */
    static Instant instant(BigInteger unixSeconds) {
        return unixSeconds.compareTo(LATEST_SECONDS) > 0 ? LATEST : Instant.ofEpochSecond(unixSeconds.longValueExact());
    }

    static BigInteger unixSeconds(Instant instant) {
        return BigInteger.valueOf(instant.getEpochSecond());
    }

    /** Zero means "none" in the contracts. */
    static Optional<Instant> optionalInstant(BigInteger unixSeconds) {
        return unixSeconds.signum() == 0 ? Optional.empty() : Optional.of(instant(unixSeconds));
    }

    static OptionalLong optionalId(BigInteger id) {
        return id.signum() == 0 ? OptionalLong.empty() : OptionalLong.of(id.longValueExact());
    }

    static Optional<Bytes32> optionalBytes32(byte[] value) {
        Bytes32 bytes = Bytes32.of(value);
        return bytes.isZero() ? Optional.empty() : Optional.of(bytes);
    }

    static Optional<LedgerAddress> optionalAddress(String value) {
        LedgerAddress address = address(value);
        return address.equals(LedgerAddress.fromHex("0x" + "00".repeat(LedgerAddress.LENGTH)))
                ? Optional.empty() : Optional.of(address);
    }

    static byte[] recordIdOf(AccessScope scope) {
        return scope.recordId().map(Bytes32::toBytes).orElse(ZERO);
    }

    static byte[] categoryOf(AccessScope scope) {
        return scope.category().map(category -> category.toBytes32().toBytes()).orElse(ZERO);
    }

    static AccessScope scope(BigInteger kind, byte[] patient, byte[] recordId, byte[] category) {
        Bytes32 pseudonym = bytes32(patient);
        return switch (AccessScope.Kind.ofCode(kind.intValueExact())) {
            case RECORD -> AccessScope.record(pseudonym, bytes32(recordId));
            case CATEGORY -> AccessScope.category(pseudonym, Category.fromBytes32(bytes32(category)));
            case ALL -> AccessScope.allRecords(pseudonym);
        };
    }

    static TransactionResult result(TransactionReceipt receipt) {
        return new TransactionResult(Bytes32.fromHex(receipt.getTransactionHash()),
                receipt.getBlockNumber().longValueExact(), Bytes32.fromHex(receipt.getBlockHash()));
    }
}
