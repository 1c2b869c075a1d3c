package org.custodia.crypto;

/** A capsule and the data key it carries. */
public record Encapsulation(Capsule capsule, DataKey dataKey) {
}
