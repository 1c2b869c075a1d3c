package org.custodia.ledger.api;

/**
 * Why a hospital declares emergency access: a closed list, so no free text about a patient reaches the chain. The
 * codes are those of the consent registry's {@code REASON_} constants.
 */
public enum EmergencyReason {
    /** The patient is unconscious or otherwise unable to communicate or consent. */
    UNCONSCIOUS_PATIENT(1),
    /** A condition that threatens the patient's life or limb needs the records now. */
    LIFE_THREATENING_CONDITION(2),
    /** Urgent treatment needs the records and the custodian cannot be reached in time to grant access. */
    CUSTODIAN_UNREACHABLE(3),
    /** A declared public health emergency, such as a mass-casualty incident or an outbreak. */
    PUBLIC_HEALTH_EMERGENCY(4);

    private final int code;

    EmergencyReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EmergencyReason ofCode(int code) {
        for (EmergencyReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("no emergency reason has code " + code + " (UNCONSCIOUS_PATIENT=1, "
                + "LIFE_THREATENING_CONDITION=2, CUSTODIAN_UNREACHABLE=3, PUBLIC_HEALTH_EMERGENCY=4)");
    }
}
