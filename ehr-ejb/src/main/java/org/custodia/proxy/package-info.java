/**
 * The proxy side of record sharing: the re-keys custodians deliver ({@link org.custodia.proxy.ReKeyStore}, sealed at
 * rest under the node's key-encryption key) and the re-encryption of a record's envelope for a hospital the chain
 * lets read it ({@link org.custodia.proxy.ReEncryptionService}). A proxy transforms capsules only: no plaintext, no
 * data key and no private key ever exist here, and nothing in this package depends on {@code keys}. Every service
 * refuses on a hospital node ({@link org.custodia.consortium.NotOnThisNodeException}).
 */
package org.custodia.proxy;
