/**
 * The privacy officer's review of the audit trail: entries by actor, action, subject and time, each set beside the
 * chain's record of the same act where the act has one.
 */
package org.custodia.review;
