package org.custodia.web.pages;

import org.custodia.consortium.ConsortiumMember;
import org.custodia.consortium.Reachability;

/** A consortium member as the status page shows it: as the chain registers it, and whether its node answers. */
public record MemberState(ConsortiumMember member, Reachability reachability) {
}
