package dev.containerwatch.cli;

import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.webhook.WebhookSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The webhook sink, counting what it delivered for the summary line. */
final class CountingSink implements FindingSink {
  private final WebhookSink webhook;
  private final AtomicInteger findings = new AtomicInteger();
  private final AtomicInteger deletions = new AtomicInteger();

  CountingSink(WebhookSink webhook) {
    this.webhook = webhook;
  }

  @Override
  public void write(List<Finding> batch) {
    webhook.write(batch);
    int sent = 0;
    for (Finding f : batch) {
      if (webhook.statuses().contains(f.status())) {
        sent++;
      }
    }
    findings.addAndGet(sent);
  }

  @Override
  public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
    webhook.resourceDeleted(resource, ruleIds, time);
    deletions.incrementAndGet();
  }

  @Override
  public String name() {
    return webhook.name();
  }

  String summary() {
    return webhook
        + ": "
        + findings.get()
        + " finding(s) and "
        + deletions.get()
        + " deletion(s) delivered, signed";
  }
}
