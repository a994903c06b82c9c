package io.glasshouse.statuspage.incident;

import java.security.SecureRandom;

/** Short, URL-safe, unguessable ids ({@code [0-9a-z]{12}}, like Statuspage's), stored once and never changed. */
final class Ids {
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int LENGTH = 12;
  private final SecureRandom random = new SecureRandom();

  String next() {
    char[] c = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }
}
