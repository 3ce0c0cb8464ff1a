package dev.containerwatch.cli.replay;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a sample comes from, which decides the handler it is fed to: a cloud's function ({@code
 * aws}, {@code azure}, {@code gcp}), or a cloud-neutral source that every cloud's function hands to
 * the same common code ({@code kubernetes}: AdmissionReviews, audit events and manifests; {@code
 * dockerhub}: Docker Hub push webhooks). The samples' folders are named after them.
 */
public enum Source {
  AWS,
  AZURE,
  GCP,
  KUBERNETES,
  DOCKERHUB;

  /** The folder name and the label in output: {@code aws}, {@code dockerhub}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the clouds, whose folders may hold samples of the neutral sources' handlers. */
  public boolean isCloud() {
    return this == AWS || this == AZURE || this == GCP;
  }

  public static Optional<Source> ofFolder(String name) {
    for (Source s : values()) {
      if (s.key().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
