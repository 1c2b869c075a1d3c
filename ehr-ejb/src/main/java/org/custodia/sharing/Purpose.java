package org.custodia.sharing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.custodia.kernel.InvalidInputException;

/**
 * Why a hospital asks for or grants access: a code from a closed list, because what reaches the chain is closed
 * vocabulary (free text could carry a patient's name or diagnosis onto a ledger that never forgets).
 */
public enum Purpose {
    /** Treatment of the patient at the receiving hospital. */
    TREATMENT("treatment"),
    /** The patient was referred or transferred to the receiving hospital. */
    REFERRAL("referral"),
    /** A second opinion on the patient's case. */
    SECOND_OPINION("second-opinion"),
    /** Continuity of care after discharge or between episodes. */
    CONTINUITY_OF_CARE("continuity-of-care"),
    /** The patient asked for the records to be made available to the receiving hospital. */
    PATIENT_REQUEST("patient-request");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The codes, in the order above. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Purpose::code).toList();
    }

    /**
     * The purpose with this code.
     *
     * @throws InvalidInputException naming the valid codes when there is none
     */
    public static Purpose ofCode(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(purpose -> purpose.code.equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidInputException("purpose must be one of " + codes()));
    }
}
