package org.custodia.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.custodia.kernel.Failure;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void everyKindOfFailureHasItsStatus() {
        Map<Failure, Integer> expected = new EnumMap<>(Map.ofEntries(
                Map.entry(Failure.INVALID, 400),
                Map.entry(Failure.FORBIDDEN, 403),
                Map.entry(Failure.NOT_FOUND, 404),
                Map.entry(Failure.CONFLICT, 409),
                Map.entry(Failure.REFUSED, 422),
                Map.entry(Failure.TOO_LARGE, 413),
                Map.entry(Failure.THROTTLED, 429),
                Map.entry(Failure.STORAGE_FULL, 507),
                Map.entry(Failure.UNAVAILABLE, 503),
                Map.entry(Failure.NO_GRANT, 403),
                Map.entry(Failure.GRANT_REVOKED, 403),
                Map.entry(Failure.GRANT_EXPIRED, 403),
                Map.entry(Failure.NO_RE_KEY, 409),
                Map.entry(Failure.CUSTODIAN_UNREACHABLE, 502),
                Map.entry(Failure.PROXY_UNREACHABLE, 503),
                Map.entry(Failure.INTEGRITY_FAILURE, 502)));
        assertEquals(Failure.values().length, expected.size(), "a status for every kind");
        expected.forEach((failure, status) -> assertEquals(status, Problems.kind(failure).status(), failure.name()));
    }

    @Test
    void problemTypesAreDistinct() {
        assertEquals(Failure.values().length, java.util.Arrays.stream(Failure.values())
                .map(failure -> Problems.kind(failure).type()).distinct().count());
    }
}
