package dev.containerwatch.kubernetes;

import dev.containerwatch.model.Doc;

/**
 * One container of a pod template, with the list it is in.
 *
 * @param doc the container object
 */
public record Container(ContainerList list, int index, String name, String image, Doc doc) {

  /** The container's {@code securityContext} (absent when not set). */
  public Doc securityContext() {
    return doc.get("securityContext");
  }

  /** How reasons name it: {@code initContainer 'migrate'}. */
  public String label() {
    return list.singular() + " '" + name + "'";
  }
}
