/**
 * The node's journal of the access contracts' events: every consortium, record and consent event the chain
 * emitted, received through the ledger connector's inbound delivery and kept once each, in chain order. It is
 * what the node reacts to and what its audit views compare against.
 */
package org.custodia.ledger.journal;
