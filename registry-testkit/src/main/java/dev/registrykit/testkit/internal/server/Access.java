package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.Permission;

/** What the caller of one request may do, as authentication established it. */
interface Access {
  /** Everything is allowed (auth mode none). */
  Access ALL = (repository, permission) -> true;

  boolean allows(String repository, Permission permission);
}
