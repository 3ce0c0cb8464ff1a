package dev.containerwatch.gcp.bench;

import com.google.cloud.securitycenter.v1.Finding;
import com.google.cloud.securitycenter.v1.UpdateFindingRequest;
import dev.containerwatch.gcp.loaders.GcpClients;
import dev.containerwatch.gcp.sinks.SccFindings;
import java.lang.management.ManagementFactory;

/**
 * Measures what the transport costs a cold function instance: in a fresh JVM, the time to build the
 * cluster manager and Security Command Center clients, and to the answer of the first {@code
 * clusters.get} and {@code UpdateFinding}, against local servers (no TLS, no credentials, so only
 * the clients' own start-up is measured). Run it once per transport, in new JVMs, several times:
 *
 * <pre>
 * java -cp CLASSPATH dev.containerwatch.gcp.bench.TransportStartup http|grpc http://127.0.0.1:PORT [scc]
 * </pre>
 *
 * With {@code scc}, only the Security Command Center client is built and called: the path of an
 * event that carries its resource (a Cloud Asset feed message).
 *
 * <p>Prints one JSON line: milliseconds since JVM start at main, after building, after each call.
 */
public final class TransportStartup {
  private TransportStartup() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long main = System.currentTimeMillis() - jvmStart;
    GcpClients.Transport transport =
        args[0].equals("grpc") ? GcpClients.Transport.GRPC : GcpClients.Transport.HTTP_JSON;
    long t0 = System.nanoTime();
    try (GcpClients clients =
        new GcpClients(new GcpClients.Options(transport, args[1], args[1], false))) {
      boolean sccOnly = args.length > 2 && args[2].equals("scc");
      var gke = sccOnly ? null : clients.clusterManager().get();
      var scc = clients.securityCenter().get();
      long built = System.nanoTime();
      if (gke != null) {
        gke.getCluster("projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1");
      }
      long firstRead = System.nanoTime();
      scc.updateFinding(
          UpdateFindingRequest.newBuilder()
              .setFinding(
                  Finding.newBuilder()
                      .setName(
                          "organizations/582019374625/sources/7241935786402716215/findings/067c62c0d152d2eeaf69eebec5fd2167")
                      .setState(Finding.State.ACTIVE)
                      .setCategory("GKE_NETWORK_POLICY"))
              .setUpdateMask(SccFindings.UPDATE_MASK)
              .build());
      long firstWrite = System.nanoTime();
      System.out.printf(
          "{\"transport\":\"%s\",\"jvmToMainMs\":%d,\"buildMs\":%.0f,\"firstReadMs\":%.0f,\"firstWriteMs\":%.0f,\"totalSinceJvmStartMs\":%d}%n",
          args[0],
          main,
          (built - t0) / 1e6,
          (firstRead - built) / 1e6,
          (firstWrite - firstRead) / 1e6,
          System.currentTimeMillis() - jvmStart);
    }
  }
}
