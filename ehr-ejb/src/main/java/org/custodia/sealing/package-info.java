/**
 * The node's key-encryption key (an AES-256 key in a PKCS#12 keystore) and the sealed form of what it protects at
 * rest. Used by {@code keys} (a hospital's wrapped PRE private keys, sealed demographics) and by {@code proxy} (the
 * re-encryption keys it holds), so a proxy seals without depending on key custody. Uses only the kernel.
 */
package org.custodia.sealing;
