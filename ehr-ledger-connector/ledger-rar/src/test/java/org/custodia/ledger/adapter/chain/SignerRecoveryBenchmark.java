package org.custodia.ledger.adapter.chain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.custodia.ledger.api.InvalidSignatureException;
import org.custodia.ledger.api.LedgerAddress;
import org.custodia.ledger.api.LedgerSignatures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a node pays per signed node-to-node call it receives to learn who signed it: one signer recovery, with the
 * connector's {@link SignatureRecovery} (what nodes use) and with ledger-api's portable
 * {@link LedgerSignatures#recoverSigner}. The signature is fixed, made with anvil's development account 0 over a
 * fixed message (web3j {@code Sign.signPrefixedMessage}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignerRecoveryBenchmark {

    private static final byte[] MESSAGE =
            "POST /custodia/node-api/records/0b0b/re-encryption".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE = HexFormat.of().parseHex("99e1379b1b989f4cc2449158c865d3911bcf6636df05d4"
            + "3ee9321fdaf9537f68594de14d367d46355d24ab4e3389f11d359551dda0bdd3716dc0252773130d201b");
    private static final LedgerAddress SIGNER = LedgerAddress.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    @Setup
    public void checkTheSignature() throws InvalidSignatureException {
        if (!SignatureRecovery.signerOf(MESSAGE, SIGNATURE).equals(SIGNER)
                || !LedgerSignatures.recoverSigner(MESSAGE, SIGNATURE).equals(SIGNER)) {
            throw new IllegalStateException("the fixed signature does not recover development account 0");
        }
    }

    @Benchmark
    public LedgerAddress connector() throws InvalidSignatureException {
        return SignatureRecovery.signerOf(MESSAGE, SIGNATURE);
    }

    @Benchmark
    public LedgerAddress portable() throws InvalidSignatureException {
        return LedgerSignatures.recoverSigner(MESSAGE, SIGNATURE);
    }
}
