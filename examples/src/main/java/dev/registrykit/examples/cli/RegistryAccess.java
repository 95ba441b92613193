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
 * @param certDir a directory of {@code *.crt} CA certificates trusted besides the JVM's, and a
 *     {@code client.cert} with its {@code client.key}; else the standard {@code certs.d}
 *     directories
 * @param registriesConf a containers {@code registries.conf} read instead of the standard ones
 *     ({@code --registries-conf}); it applies to both sides of a copy
 */
record RegistryAccess(
    boolean insecure,
    Optional<UserPassword> creds,
    Optional<Path> certDir,
    Optional<Path> registriesConf) {
  RegistryAccess {
    Objects.requireNonNull(creds, "creds");
    Objects.requireNonNull(certDir, "certDir");
    Objects.requireNonNull(registriesConf, "registriesConf");
  }
}
