package org.custodia.sharing;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Outbox command due when a grant or emergency access expires: the look then has the re-key withdrawn unless another
 * live entry still covers the patient and hospital.
 */
@ApplicationScoped
public class ConsentExpiryCommand extends ConsentLookCommand {

    public static final String KIND = "sharing.consent-expiry";

    @Override
    public String kind() {
        return KIND;
    }
}
