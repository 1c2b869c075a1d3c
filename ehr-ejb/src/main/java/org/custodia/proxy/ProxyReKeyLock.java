package org.custodia.proxy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row a re-key's delivery and a member's removal or admission lock first ({@link SealedReKeys}), so that a
 * delivery whose chain checks passed before a removal cannot commit its re-key after the removal deleted that
 * member's.
 */
@Entity
@Table(name = "proxy_re_key_lock")
public class ProxyReKeyLock {

    /** The id of the one row. */
    static final short ID = 1;

    @Id
    private short id;

    protected ProxyReKeyLock() {
        // for JPA
    }
}
