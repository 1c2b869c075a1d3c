package org.custodia.sharing;

import java.util.HexFormat;
import java.util.Locale;

import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Category;

/** A request's or grant's scope as staff read it: kind {@code record}, {@code category} or {@code all}. */
public record ScopeDetails(String kind, String recordId, String category) {

    static ScopeDetails of(AccessScope scope) {
        return new ScopeDetails(scope.kind().name().toLowerCase(Locale.ROOT),
                scope.recordId().map(id -> HexFormat.of().formatHex(id.toBytes())).orElse(null),
                scope.category().map(Category::code).orElse(null));
    }
}
