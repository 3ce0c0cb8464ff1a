package dev.containerwatch.cli.replay;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What every replayed sample shares: the configuration given on the command line (a sample's own
 * {@code <name>.config.yaml} replaces it), and the webhook the findings are also delivered to.
 *
 * @param config the configuration document's text, or null for the defaults
 * @param configSource its name, for error messages
 * @param webhook the signed webhook sink, or null
 */
public record ReplayContext(String config, String configSource, FindingSink webhook) {

  public static ReplayContext defaults() {
    return new ReplayContext(null, null, null);
  }

  /** The configuration document a sample runs with (its text), if any. */
  public Optional<String> configText(Sample sample) {
    Optional<Path> own = sample.sibling(".config.yaml");
    if (own.isPresent()) {
      try {
        return Optional.of(Files.readString(own.get(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new InvalidInputException(own.get() + ": cannot read");
      }
    }
    return Optional.ofNullable(config);
  }

  /**
   * The configuration a sample runs with, validated.
   *
   * @throws InvalidInputException naming every problem
   */
  public Configuration configuration(Sample sample) {
    ConfigurationLoader loader = new ConfigurationLoader(Catalog.bundled(), Rules.all());
    Optional<Path> own = sample.sibling(".config.yaml");
    if (own.isPresent()) {
      return loader.load(own.get());
    }
    return config == null ? loader.defaults() : loader.parse(config, configSource);
  }

  public RuleEngine engine(Sample sample) {
    return new RuleEngine(Rules.all(), configuration(sample));
  }
}
