package dev.containerwatch.webhook;

import dev.containerwatch.InvalidInputException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A webhook endpoint that may receive findings: HTTPS, and a host that resolves to public addresses
 * only. Findings describe an organisation's weaknesses; a misconfigured or malicious URL must not
 * turn the function into a way to reach the cloud's metadata service or internal networks.
 *
 * <p>Loopback over plain HTTP is allowed only when {@code allowLoopback} is set, which tests do.
 * Private and link-local addresses are refused unless {@code allowPrivate} is set (an internal
 * receiver in the same VPC).
 */
public final class WebhookTarget {
  private final URI uri;
  private final boolean allowLoopback;
  private final boolean allowPrivate;

  private WebhookTarget(URI uri, boolean allowLoopback, boolean allowPrivate) {
    this.uri = uri;
    this.allowLoopback = allowLoopback;
    this.allowPrivate = allowPrivate;
  }

  /**
   * @throws InvalidInputException when the URL is not acceptable; the message never contains the
   *     URL's query, which often carries a token
   */
  public static WebhookTarget of(String url, boolean allowLoopback, boolean allowPrivate) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("webhook URL is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new InvalidInputException("webhook URL must be https://host/...");
    }
    if (uri.getUserInfo() != null) {
      throw new InvalidInputException("webhook URL must not carry credentials before the host");
    }
    WebhookTarget target = new WebhookTarget(uri, allowLoopback, allowPrivate);
    target.checkAddresses();
    return target;
  }

  public URI uri() {
    return uri;
  }

  /** The URL without its query and fragment: what logs and errors may show. */
  public String redacted() {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /**
   * Resolves the host and checks every address. Called before each delivery too, since DNS answers
   * change.
   *
   * @throws InvalidInputException naming the kind of address refused
   */
  public void checkAddresses() {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new InvalidInputException("webhook host " + uri.getHost() + " does not resolve");
    }
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    for (InetAddress a : addresses) {
      if (a.isLoopbackAddress()) {
        if (!allowLoopback) {
          throw new InvalidInputException(
              "webhook host " + uri.getHost() + " is a loopback address");
        }
        continue;
      }
      if (!https) {
        throw new InvalidInputException("webhook URL must use https (" + redacted() + ")");
      }
      if (isMetadata(a)) {
        throw new InvalidInputException(
            "webhook host " + uri.getHost() + " resolves to a cloud metadata address");
      }
      if (!allowPrivate && isPrivate(a)) {
        throw new InvalidInputException(
            "webhook host " + uri.getHost() + " resolves to a private or link-local address");
      }
    }
  }

  private static boolean isMetadata(InetAddress a) {
    String s = a.getHostAddress();
    return s.equals("169.254.169.254") || s.equals("169.254.170.2") || s.startsWith("fd00:ec2::");
  }

  private static boolean isPrivate(InetAddress a) {
    if (a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }
    // 100.64.0.0/10 carrier-grade NAT, used inside cloud networks
    return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }
}
