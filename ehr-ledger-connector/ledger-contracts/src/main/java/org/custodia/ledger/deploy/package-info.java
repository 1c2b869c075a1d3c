/**
 * Deployment of the access contracts: the command that deploys the three registries to a chain, registers the
 * initial consortium from a configuration file and writes the contract addresses for the nodes' configuration.
 */
package org.custodia.ledger.deploy;
