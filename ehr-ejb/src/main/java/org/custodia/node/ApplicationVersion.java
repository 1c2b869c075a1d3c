package org.custodia.node;

/** The version this build was packaged as (from the jar manifest; "development" when run from classes). */
public final class ApplicationVersion {

    private ApplicationVersion() {
    }

    public static String current() {
        String version = ApplicationVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
