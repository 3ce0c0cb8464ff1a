package dev.containerwatch.vulnerabilities.dockerhub;

import dev.containerwatch.vulnerabilities.ImageRef;
import java.time.Instant;

/**
 * One image push, as Docker Hub's webhook tells it.
 *
 * @param repository {@code namespace/name} ({@code library/nginx} for official images)
 * @param tag the pushed tag
 * @param pushedAt when Docker Hub says it was pushed, or null
 * @param pusher the Docker ID that pushed
 * @param callbackUrl where Docker Hub waits for the webhook chain's result (not called: it is only
 *     used for automated builds' chains)
 */
public record DockerHubPush(
    String repository, String tag, Instant pushedAt, String pusher, String callbackUrl) {

  /** The pushed image; Docker Hub does not send its digest. */
  public ImageRef image() {
    return new ImageRef("docker.io", repository, tag, null);
  }
}
