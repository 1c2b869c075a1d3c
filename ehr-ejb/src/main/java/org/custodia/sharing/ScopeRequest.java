package org.custodia.sharing;

import java.util.Locale;
import java.util.regex.Pattern;

import org.custodia.kernel.InvalidInputException;
import org.custodia.ledger.api.AccessScope;
import org.custodia.ledger.api.Bytes32;
import org.custodia.ledger.api.Category;

/**
 * The scope of a request or grant as staff state it: one record ({@code record} with a record id), all records of
 * a category ({@code category} with a category code) or all records ({@code all}) of the patient at the custodian.
 */
public record ScopeRequest(String kind, String recordId, String category) {

    private static final Pattern RECORD_ID = Pattern.compile("[0-9a-fA-F]{64}");

    /**
     * The scope on chain for the patient with {@code pseudonym}.
     *
     * @throws InvalidInputException when the kind is unknown or its field is missing, malformed or superfluous
     */
    AccessScope toScope(Bytes32 pseudonym) {
        String wanted = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "record" -> {
                requireAbsent(category, "category", "record");
                if (recordId == null || !RECORD_ID.matcher(recordId).matches()) {
                    throw new InvalidInputException("a record scope needs recordId: the record's 64 hex digits");
                }
                Bytes32 id = Bytes32.fromHex(recordId.toLowerCase(Locale.ROOT));
                if (id.isZero()) {
                    throw new InvalidInputException("a record scope's recordId cannot be all zeros");
                }
                return AccessScope.record(pseudonym, id);
            }
            case "category" -> {
                requireAbsent(recordId, "recordId", "category");
                if (category == null || !Category.CODES.contains(category)) {
                    throw new InvalidInputException("a category scope needs category, one of " + Category.CODES);
                }
                return AccessScope.category(pseudonym, new Category(category));
            }
            case "all" -> {
                requireAbsent(recordId, "recordId", "all");
                requireAbsent(category, "category", "all");
                return AccessScope.allRecords(pseudonym);
            }
            default -> throw new InvalidInputException("scope kind must be record, category or all");
        }
    }

    private static void requireAbsent(String value, String field, String kind) {
        if (value != null) {
            throw new InvalidInputException("a scope of kind " + kind + " has no " + field);
        }
    }
}
