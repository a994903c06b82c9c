package io.glasshouse.rollup.status;

/** A request named a component that is not configured. */
public final class UnknownComponentException extends RuntimeException {
  private final String componentId;

  public UnknownComponentException(String componentId) {
    super("no component with id '" + componentId + "' is configured");
    this.componentId = componentId;
  }

  public String componentId() {
    return componentId;
  }
}
