package io.glasshouse.server;

/** Entry point of {@code glasshouse.jar}. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    System.out.println("glasshouse: not yet wired");
  }
}
