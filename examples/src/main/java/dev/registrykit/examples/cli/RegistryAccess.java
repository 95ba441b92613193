package dev.registrykit.examples.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a command reaches a registry: without TLS verification (or over plain HTTP), with which
 * credentials, trusting which extra CA certificates. One per side of a copy.
 *
 * @param insecure HTTPS without certificate verification, else plain HTTP ({@code --insecure},
 *     {@code --src-tls-verify=false})
 * @param creds credentials for the registries this access is for; else docker login's
 * @param certDir a directory of {@code *.crt} CA certificates trusted besides the JVM's
 */
record RegistryAccess(boolean insecure, Optional<UserPassword> creds, Optional<Path> certDir) {
  RegistryAccess {
    Objects.requireNonNull(creds, "creds");
    Objects.requireNonNull(certDir, "certDir");
  }
}
