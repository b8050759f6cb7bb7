package dev.breakfix.catalog;

/** A manifest file of a scenario as written, with {@code ${parameter}} placeholders not yet filled in. */
public record Manifest(String file, String template) {
}
