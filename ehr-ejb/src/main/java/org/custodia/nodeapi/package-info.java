/**
 * Authenticated calls between Custodia nodes ({@code /custodia/node-api/v1}), independent of the HTTP transport.
 *
 * <p>Every call carries a profile of HTTP Message Signatures (RFC 9421), made with the calling member's ledger
 * account key:
 * <ul>
 * <li>{@code Content-Digest: sha-256=:<base64>:} (RFC 9530) over the exact body bytes; a request without content
 * carries the digest of zero bytes;</li>
 * <li>{@code Signature-Input} with exactly one signature, labelled {@code sig1}, covering
 * {@code ("@method" "@target-uri" "content-digest")} in this order, with the parameters {@code created} (Unix
 * seconds), {@code keyid} (the caller's ledger address, {@code 0x} and 40 lowercase hex digits) and {@code nonce}
 * (16 to 64 base64url characters), in this order and no others;</li>
 * <li>{@code Signature: sig1=:<base64>:}, the caller's 65-byte recoverable secp256k1 signature over the signature
 * base, as the ledger connector makes it ({@link org.custodia.nodeapi.LedgerSigning}).</li>
 * </ul>
 * For example:
 * <pre>
 * Content-Digest: sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:
 * Signature-Input: sig1=("@method" "@target-uri" "content-digest");created=1618884473;\
 *   keyid="0x00112233445566778899aabbccddeeff00112233";nonce="AAECAwQFBgcICQoLDA0ODw"
 * Signature: sig1=:&lt;88 base64 characters&gt;:
 * </pre>
 * The receiver ({@link org.custodia.nodeapi.NodeCallVerifier}) recovers the signer from the signature and requires
 * it to equal {@code keyid}, to be a current consortium member with the role the endpoint requires, to have signed
 * within the window either side of the receiver's clock, and to use a nonce not seen before
 * ({@link org.custodia.nodeapi.ReplayGuard}). Anything not in this form is refused; a refusal repeats nothing the
 * caller sent but its address.
 *
 * <p>In the container: {@link org.custodia.nodeapi.NodeCallAuthenticator} verifies with the ledger connector's
 * signatures ({@link org.custodia.nodeapi.ConnectorSignatures}), the chain's members
 * ({@link org.custodia.nodeapi.ChainMembership}) and the nonces in the database
 * ({@link org.custodia.nodeapi.NonceRegistry}, purged by {@link org.custodia.nodeapi.NonceExpiry}), and audits every
 * refusal; {@link org.custodia.nodeapi.NodeApiClient} signs this node's calls. The target URI a receiver verifies is
 * rebuilt from its configured public URL ({@link org.custodia.nodeapi.NodeApiBase}), never from the {@code Host}
 * header. The HTTP endpoints are ehr-web's {@code org.custodia.web.nodeapi}.
 */
package org.custodia.nodeapi;
