package io.glasshouse.rollup.forecast.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --flag value} and {@code --switch} parsing with errors that name the flag. */
final class Args {
  /** A bad command line; the message names the flag. */
  static final class BadArgs extends Exception {
    BadArgs(String message) {
      super(message);
    }
  }

  private final Map<String, String> values = new HashMap<>();

  private Args() {
  }

  static Args parse(String[] args, Set<String> withValue, Set<String> switches) throws BadArgs {
    Args a = new Args();
    for (int i = 0; i < args.length; i++) {
      String f = args[i];
      if (switches.contains(f)) {
        a.values.put(f, "true");
      } else if (withValue.contains(f)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new BadArgs(f + " needs a value");
        }
        a.values.put(f, args[++i]);
      } else {
        throw new BadArgs("unknown argument '" + f + "'");
      }
    }
    return a;
  }

  String get(String flag) {
    return values.get(flag);
  }

  boolean has(String flag) {
    return values.containsKey(flag);
  }

  String required(String flag) throws BadArgs {
    String v = values.get(flag);
    if (v == null) {
      throw new BadArgs(flag + " is required");
    }
    return v;
  }

  int intValue(String flag, int def, int min) throws BadArgs {
    String v = values.get(flag);
    if (v == null) {
      return def;
    }
    try {
      int x = Integer.parseInt(v);
      if (x < min) {
        throw new BadArgs(flag + " must be at least " + min + ", was " + v);
      }
      return x;
    } catch (NumberFormatException e) {
      throw new BadArgs(flag + " must be a whole number, was '" + v + "'");
    }
  }
}
