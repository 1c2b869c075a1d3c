package org.custodia.ledger.api;

import java.io.Serializable;

/**
 * Why a member may read a record right now: it is the custodian, a grant allows it (id of the grant) or an
 * emergency declaration does (id of the declaration).
 */
public record AccessBasis(Kind kind, long id) implements Serializable {

    /** The bases, with the codes the consent registry uses. */
    public enum Kind {
        CUSTODIAN(1),
        GRANT(2),
        EMERGENCY(3);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public static Kind ofCode(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no access basis has code " + code);
        }
    }
}
