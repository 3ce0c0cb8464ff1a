package dev.containerwatch.cli.replay;

import dev.containerwatch.cli.replay.aws.AwsReplayer;
import dev.containerwatch.cli.replay.azure.AzureReplayer;
import dev.containerwatch.cli.replay.dockerhub.DockerHubReplayer;
import dev.containerwatch.cli.replay.gcp.GcpReplayer;
import dev.containerwatch.cli.replay.kubernetes.KubernetesReplayer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Replays samples, each through the {@link Replayer} of its source. A source is plugged in by
 * adding its replayer to {@link #standard}.
 */
public final class Replay {
  private final Map<Source, Replayer> replayers;

  public Replay(Map<Source, Replayer> replayers) {
    this.replayers = new EnumMap<>(replayers);
  }

  /** The replayers of every handler module in this build. */
  public static Replay standard(Map<String, String> env) {
    Map<Source, Replayer> r = new EnumMap<>(Source.class);
    r.put(Source.AWS, new AwsReplayer(env));
    r.put(Source.AZURE, new AzureReplayer());
    r.put(Source.GCP, new GcpReplayer());
    r.put(Source.KUBERNETES, new KubernetesReplayer());
    r.put(Source.DOCKERHUB, new DockerHubReplayer());
    return new Replay(r);
  }

  public List<ReplayResult> run(List<Sample> samples, ReplayContext context) {
    List<ReplayResult> out = new ArrayList<>();
    for (Sample s : samples) {
      Replayer replayer = replayers.get(s.source());
      out.add(
          replayer == null
              ? ReplayResult.error(
                  s, "-", "no " + s.source().key() + " handler in this build to replay it with")
              : replayer.replay(s, context));
    }
    return out;
  }
}
