package dev.containerwatch.rules.defender;

import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the connector rules read of a {@code Microsoft.Security/securityConnectors} GET: the cloud
 * it connects ({@code properties.environmentName}) and its {@code properties.offerings[]}, each
 * identified by {@code offeringType}.
 *
 * <p>Names and values are compared without case: ARM treats them so, and the service itself returns
 * {@code Github} where its API enumeration says {@code GitHub}.
 */
final class SecurityConnector {
  private final Doc doc;

  private SecurityConnector(Doc doc) {
    this.doc = doc;
  }

  static SecurityConnector of(Snapshot snapshot) {
    return new SecurityConnector(Doc.arm(snapshot.document()));
  }

  /**
   * The cloud the connector is for: {@code properties.environmentName}, or when a trimmed document
   * lacks it, the cloud implied by {@code properties.environmentData.environmentType} ({@code
   * AwsAccount}, {@code GcpProject}).
   */
  Optional<String> environment() {
    Optional<String> name = doc.get("properties.environmentName").text();
    if (name.isPresent()) {
      return name;
    }
    String type = doc.get("properties.environmentData.environmentType").text().orElse("");
    if (type.equalsIgnoreCase("AwsAccount")) {
      return Optional.of("AWS");
    }
    if (type.equalsIgnoreCase("GcpProject")) {
      return Optional.of("GCP");
    }
    return Optional.empty();
  }

  /**
   * {@code NOT_APPLICABLE} when the connector is for another environment (Azure DevOps, GitHub,
   * another cloud), {@code UNKNOWN} when the document does not say which or lists no offerings at
   * all (not even an empty list, so it was trimmed); empty when a rule for {@code environment} can
   * go on and judge the offerings.
   */
  Optional<Verdict> outOfScope(String environment) {
    Optional<String> actual = environment();
    if (actual.isEmpty()) {
      return Optional.of(
          Verdict.unknown(
              "properties.environmentName is absent: cannot tell which environment connector '"
                  + name()
                  + "' is for"));
    }
    if (!actual.get().equalsIgnoreCase(environment)) {
      return Optional.of(
          Verdict.notApplicable(
              "properties.environmentName is "
                  + actual.get()
                  + ": the recommendation concerns "
                  + environment
                  + " connectors only"));
    }
    Doc offerings = doc.get("properties.offerings");
    if (!offerings.node().isArray()) {
      return Optional.of(
          Verdict.unknown(
              "properties.offerings is "
                  + offerings.describe()
                  + ": cannot tell which plans connector '"
                  + name()
                  + "' has"));
    }
    return Optional.empty();
  }

  /** The first offering of {@code offeringType} (any case). */
  Optional<Doc> offering(String offeringType) {
    for (Doc offering : doc.get("properties.offerings").items()) {
      if (offering.get("offeringType").text().orElse("").equalsIgnoreCase(offeringType)) {
        return Optional.of(offering);
      }
    }
    return Optional.empty();
  }

  /** The offering types present, in document order, for reasons. */
  List<String> offeringTypes() {
    List<String> out = new ArrayList<>();
    for (Doc offering : doc.get("properties.offerings").items()) {
      out.add(offering.get("offeringType").text().orElse("(no offeringType)"));
    }
    return out;
  }

  String name() {
    return doc.get("name").text().orElse("(unnamed)");
  }

  /**
   * The verdict of the "Defender for Containers should be enabled on <cloud> connectors" rules: the
   * connector of {@code environment} has an offering of {@code offeringType}.
   */
  static Verdict hasOffering(Snapshot snapshot, String environment, String offeringType) {
    SecurityConnector connector = of(snapshot);
    Optional<Verdict> outOfScope = connector.outOfScope(environment);
    if (outOfScope.isPresent()) {
      return outOfScope.get();
    }
    Optional<Doc> offering = connector.offering(offeringType);
    if (offering.isPresent()) {
      return Verdict.passed(
          offering.get().path()
              + ".offeringType is "
              + offeringType
              + ": Defender for Containers is enabled on "
              + environment
              + " connector '"
              + connector.name()
              + "'");
    }
    return Verdict.failed(missing(connector, offeringType));
  }

  /** The reason for a connector without the offering: which offerings it does have. */
  static String missing(SecurityConnector connector, String offeringType) {
    List<String> types = connector.offeringTypes();
    return "properties.offerings has no "
        + offeringType
        + " offering ("
        + (types.isEmpty() ? "the list is empty" : "present: " + String.join(", ", types))
        + ")";
  }
}
