package dev.containerwatch.cli.replay;

/**
 * Feeds a sample to the real handler of its source, with loaders answering from the sample folder's
 * {@code resources/} and a {@link Recorder} next to the handler's own sinks.
 */
public interface Replayer {

  /** Never throws for a bad sample: the result says what the handler made of it. */
  ReplayResult replay(Sample sample, ReplayContext context);
}
