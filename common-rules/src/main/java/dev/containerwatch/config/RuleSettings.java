package dev.containerwatch.config;

/** One rule's effective settings: on or off, its admission effect, and its parameters. */
public record RuleSettings(boolean enabled, Effect effect, RuleParameters parameters) {}
