package dev.containerwatch.aws.sinks;

import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.model.ResourceRef;
import java.util.Set;

/**
 * What the findings store knows: the resources that have active findings. The sweep compares them
 * with what exists to find the findings of resources deleted without an event reaching us, and a
 * deleted cluster or repository uses it to find its objects' and images' findings.
 */
public interface FindingsIndex {

  /**
   * The resources of the scope's account and region with active findings.
   *
   * @param idPrefix only resources whose store id starts with this, or null for all
   */
  Set<ResourceRef> activeResources(AwsScope scope, String idPrefix);
}
