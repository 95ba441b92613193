package dev.registrykit.examples.cli;

import java.util.Objects;

/** A {@code USER:PASS} pair from {@code --creds}. {@link #toString()} never shows the password. */
record UserPassword(String user, String password) {

  UserPassword {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /**
   * Splits at the first colon, so the password may contain colons.
   *
   * @throws UsageException when there is no colon or the user is empty; the message does not repeat
   *     the value
   */
  static UserPassword parse(String option, String value) {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new UsageException("--" + option + " must be USER:PASS");
    }
    return new UserPassword(value.substring(0, colon), value.substring(colon + 1));
  }

  @Override
  public String toString() {
    return user + ":***";
  }
}
