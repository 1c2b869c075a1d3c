package org.custodia.ledger.adapter.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.custodia.ledger.api.AlreadyAnchoredException;
import org.custodia.ledger.api.ContractRefusalException;
import org.custodia.ledger.api.GrantExpiredException;
import org.custodia.ledger.api.GrantRevokedException;
import org.custodia.ledger.api.InvalidLedgerInputException;
import org.custodia.ledger.api.NotAuthorizedException;
import org.custodia.ledger.api.StateConflictException;
import org.custodia.ledger.api.UnknownEntryException;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes the contracts' custom errors. The errors are read from the contract ABIs shipped in the
 * {@code ledger-contracts} jar, so a new error is decoded (with its arguments) without changing this class; the
 * table here only assigns error names to exception types, and an unlisted error becomes a plain
 * {@link ContractRefusalException}.
 */
public final class AbiRevertDecoder implements RevertDecoder {

    /** The error name of a revert without a custom error: no reason, a reason string, or an error not in the ABIs. */
    public static final String UNNAMED = "revert";

    /** The contract ABIs, as packaged by {@code ledger-contracts}. */
    public static final List<String> ABI_RESOURCES = List.of(
            "org/custodia/ledger/contracts/abi/ConsortiumRegistry.abi",
            "org/custodia/ledger/contracts/abi/RecordRegistry.abi",
            "org/custodia/ledger/contracts/abi/ConsentRegistry.abi");

    private static final Map<Set<String>, Refusal> TYPES = Map.of(
            Set.of("NotAdmin", "NotMember", "NotHospital", "NotProxy", "NotCustodian", "NotGranter",
                    "NotRequestCustodian", "NoAccess", "DeclarerCannotReview"), NotAuthorizedException::new,
            Set.of("AlreadyAnchored"), AlreadyAnchoredException::new,
            Set.of("UnknownRecord", "UnknownGrant", "UnknownRequest", "UnknownEmergency", "UnknownPatient",
                    "UnknownAuditHead"), UnknownEntryException::new,
            Set.of("GrantExpired", "EmergencyAccessExpired"), GrantExpiredException::new,
            Set.of("GrantRevoked"), GrantRevokedException::new,
            Set.of("MissingField", "FieldTooLong", "InvalidRole", "InvalidScope", "InvalidExpiry", "PatientMismatch",
                    "InvalidReason", "InvalidCategory", "NotBareMediaType", "AuditSequenceTooLarge",
                    "BatchTooLarge"),
            InvalidLedgerInputException::new,
            Set.of("AlreadyMember", "AlreadySuperseded", "RequestNotPending", "AlreadyReviewed",
                    "EmergencyAccessActive", "AuditSequenceNotIncreasing"), StateConflictException::new);

    private static final String ERROR_STRING_SELECTOR = "0x08c379a0";
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final List<TypeReference<Type>> ERROR_STRING =
            List.of((TypeReference) TypeReference.create(Utf8String.class));

    private final Map<String, ErrorSignature> bySelector;

    private AbiRevertDecoder(Map<String, ErrorSignature> bySelector) {
        this.bySelector = bySelector;
    }

    /** Reads the custom errors of every contract ABI in {@link #ABI_RESOURCES}. */
    public static AbiRevertDecoder fromContractAbis() {
        ObjectMapper json = new ObjectMapper();
        Map<String, ErrorSignature> errors = new HashMap<>();
        ClassLoader loader = AbiRevertDecoder.class.getClassLoader();
        for (String resource : ABI_RESOURCES) {
            try (InputStream abi = loader.getResourceAsStream(resource)) {
                if (abi == null) {
                    throw new IllegalStateException("contract ABI " + resource
                            + " is missing from the class path; the ledger-contracts jar must be packaged with the adapter");
                }
                for (JsonNode entry : json.readTree(abi)) {
                    if ("error".equals(entry.path("type").asText())) {
                        ErrorSignature error = ErrorSignature.of(entry);
                        errors.put(error.selector(), error);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read contract ABI " + resource, e);
            }
        }
        return new AbiRevertDecoder(Map.copyOf(errors));
    }

    /** Names of all errors the contracts declare. */
    public Set<String> errorNames() {
        Set<String> names = new TreeSet<>();
        bySelector.values().forEach(error -> names.add(error.name()));
        return names;
    }

    @Override
    public ContractRefusalException decode(String what, String revertData, String nodeMessage) {
        if (revertData == null || revertData.length() < 10) {
            return new ContractRefusalException(UNNAMED, "the contract refused to " + what
                    + " without giving a reason (node said: " + nodeMessage + ")");
        }
        String selector = revertData.substring(0, 10).toLowerCase(Locale.ROOT);
        String arguments = revertData.substring(10);
        if (selector.equals(ERROR_STRING_SELECTOR)) {
            String reason = decoded(arguments, ERROR_STRING).map(values -> values.get(0).toString())
                    .orElse("a reason that could not be read");
            return new ContractRefusalException(UNNAMED, "the contract refused to " + what + ": " + reason);
        }
        ErrorSignature error = bySelector.get(selector);
        if (error == null) {
            return new ContractRefusalException(UNNAMED, "the contract refused to " + what
                    + " with an error this adapter does not know (selector " + selector + ")");
        }
        String message = "the contract refused to " + what + ": " + error.describe(arguments);
        return TYPES.entrySet().stream()
                .filter(entry -> entry.getKey().contains(error.name()))
                .map(entry -> entry.getValue().create(error.name(), message))
                .findFirst()
                .orElseGet(() -> new ContractRefusalException(error.name(), message));
    }

    /**
     * The values of ABI-encoded {@code data}; empty when it does not hold them all (a node may cut revert data short):
     * web3j then throws or returns fewer values.
     */
    private static Optional<List<Type>> decoded(String data, List<TypeReference<Type>> types) {
        try {
            List<Type> values = FunctionReturnDecoder.decode(data, types);
            return values.size() == types.size() ? Optional.of(values) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** Whether {@code name} has an exception type of its own (not the plain {@link ContractRefusalException}). */
    public static boolean hasSpecificType(String name) {
        return TYPES.keySet().stream().anyMatch(names -> names.contains(name));
    }

    @FunctionalInterface
    private interface Refusal {
        ContractRefusalException create(String errorName, String message);
    }

    private record ErrorSignature(String name, String selector, List<String> argumentNames,
            List<TypeReference<Type>> argumentTypes) {

        @SuppressWarnings("unchecked")
        static ErrorSignature of(JsonNode entry) {
            String name = entry.path("name").asText();
            List<String> names = new ArrayList<>();
            List<TypeReference<Type>> types = new ArrayList<>();
            StringJoiner signature = new StringJoiner(",", name + "(", ")");
            for (JsonNode input : entry.path("inputs")) {
                String type = input.path("type").asText();
                signature.add(type);
                names.add(input.path("name").asText());
                try {
                    types.add((TypeReference<Type>) TypeReference.makeTypeReference(type));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("contract error " + name + " has an argument of unsupported type "
                            + type, e);
                }
            }
            String selector = Hash.sha3String(signature.toString()).substring(0, 10);
            return new ErrorSignature(name, selector, List.copyOf(names), List.copyOf(types));
        }

        /** E.g. {@code NotCustodian(subject=0x12.., account=0xab..)}. */
        String describe(String arguments) {
            Optional<List<Type>> decoded = decoded(arguments, argumentTypes);
            if (decoded.isEmpty()) {
                return name + "(arguments that could not be read)";
            }
            List<Type> values = decoded.get();
            StringJoiner text = new StringJoiner(", ", name + "(", ")");
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i).getValue();
                text.add(argumentNames.get(i) + "=" + (value instanceof byte[] bytes ? Numeric.toHexString(bytes)
                        : String.valueOf(value)));
            }
            return text.toString();
        }
    }
}
