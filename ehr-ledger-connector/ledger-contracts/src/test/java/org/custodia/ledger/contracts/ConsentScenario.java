package org.custodia.ledger.contracts;

import static org.custodia.ledger.contracts.Ids.ZERO;
import static org.custodia.ledger.contracts.Ids.category;
import static org.custodia.ledger.contracts.Ids.id;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.custodia.ledger.deploy.MemberRole;
import org.custodia.ledger.testing.AnvilExtension;
import org.custodia.ledger.testing.AnvilNode;
import org.custodia.ledger.testing.DeployedContracts;
import org.custodia.ledger.testing.TestAccount;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A consortium on anvil for consent tests, deployed afresh before each test ({@code @RegisterExtension static}):
 * hospitals A, B and C, proxy P, a non-member, and records of one patient at two custodians. A holds
 * {@link #A_LAB} and {@link #A_IMAGING} of {@link #PATIENT} and {@link #A_OTHER_PATIENT} of another patient; B
 * holds {@link #B_LAB} of {@link #PATIENT}; C holds none.
 */
final class ConsentScenario extends AnvilExtension implements BeforeEachCallback, AfterEachCallback {

    static final BigInteger SCOPE_RECORD = BigInteger.ZERO;
    static final BigInteger SCOPE_CATEGORY = BigInteger.ONE;
    static final BigInteger SCOPE_ALL = BigInteger.TWO;
    static final BigInteger BASIS_CUSTODIAN = BigInteger.ONE;
    static final BigInteger BASIS_GRANT = BigInteger.TWO;
    static final BigInteger BASIS_EMERGENCY = BigInteger.valueOf(3);

    static final byte[] PATIENT = id("patient-1");
    static final byte[] OTHER_PATIENT = id("patient-2");
    static final byte[] LAB = category("laboratory");
    static final byte[] IMAGING = category("imaging");
    static final byte[] A_LAB = id("a-lab");
    static final byte[] A_IMAGING = id("a-imaging");
    static final byte[] A_OTHER_PATIENT = id("a-other-patient");
    static final byte[] B_LAB = id("b-lab");
    static final String TREATMENT = "treatment";

    DeployedContracts contracts;
    TestAccount admin;
    TestAccount a;
    TestAccount b;
    TestAccount c;
    TestAccount proxy;
    TestAccount stranger;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        AnvilNode node = node();
        contracts = DeployedContracts.deploy(node, List.of(DeployedContracts.memberSpec(node, 1, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(node, 2, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(node, 3, MemberRole.HOSPITAL),
                DeployedContracts.memberSpec(node, 4, MemberRole.PROXY)));
        admin = new TestAccount(contracts, 0);
        a = new TestAccount(contracts, 1);
        b = new TestAccount(contracts, 2);
        c = new TestAccount(contracts, 3);
        proxy = new TestAccount(contracts, 4);
        stranger = new TestAccount(contracts, 5);
        a.records().anchor(A_LAB, PATIENT, id("e-a-lab"), LAB, "application/pdf", ZERO).send();
        a.records().anchor(A_IMAGING, PATIENT, id("e-a-imaging"), IMAGING, "application/dicom", ZERO).send();
        a.records().anchor(A_OTHER_PATIENT, OTHER_PATIENT, id("e-a-other"), LAB, "application/pdf", ZERO).send();
        b.records().anchor(B_LAB, PATIENT, id("e-b-lab"), LAB, "application/pdf", ZERO).send();
    }

    /** The timestamp of the latest block, in unix seconds. */
    BigInteger now() {
        try {
            return contracts.chain().web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                    .getBlock().getTimestamp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unix seconds {@code duration} after the latest block. */
    BigInteger inFuture(Duration duration) {
        return now().add(BigInteger.valueOf(duration.toSeconds()));
    }

    void advance(Duration duration) {
        node().advanceTime(duration);
    }

    boolean hasAccess(byte[] recordId, TestAccount member) throws Exception {
        return stranger.consent().hasAccess(recordId, member.address()).send();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        contracts.close();
    }
}
