package dev.containerwatch.engine;

import dev.containerwatch.model.ResourceRef;

/**
 * One rule's verdict on one subject of one resource: what the engine returns.
 *
 * @param subject a container, image digest or other part of the resource; {@code null} for the
 *     resource as a whole
 */
public record Evaluation(
    String ruleId, ResourceRef resource, String subject, Status status, String reason) {}
