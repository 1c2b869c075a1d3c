package org.custodia.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.custodia.kernel.Failure;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void everyKindOfFailureHasItsStatus() {
        Map<Failure, Integer> expected = new EnumMap<>(Map.of(
                Failure.INVALID, 400,
                Failure.FORBIDDEN, 403,
                Failure.NOT_FOUND, 404,
                Failure.CONFLICT, 409,
                Failure.REFUSED, 422,
                Failure.TOO_LARGE, 413,
                Failure.STORAGE_FULL, 507,
                Failure.UNAVAILABLE, 503));
        assertEquals(Failure.values().length, expected.size(), "a status for every kind");
        expected.forEach((failure, status) -> assertEquals(status, Problems.kind(failure).status(), failure.name()));
    }

    @Test
    void problemTypesAreDistinct() {
        assertEquals(Failure.values().length, java.util.Arrays.stream(Failure.values())
                .map(failure -> Problems.kind(failure).type()).distinct().count());
    }
}
