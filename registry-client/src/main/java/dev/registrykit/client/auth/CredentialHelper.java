package dev.registrykit.client.auth;

import dev.registrykit.client.errors.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a Docker credential helper: {@code get} (the server URL on stdin, {@code
 * {"ServerURL":…,"Username":…,"Secret":…}} on stdout), {@code store} (that JSON on stdin) and
 * {@code erase} (the server URL on stdin). The user name {@code <token>} marks an identity token.
 * "Not found" answers (a non-zero exit status with {@code credentials not found}) are empty.
 *
 * @see <a href="https://github.com/docker/docker-credential-helpers">docker-credential-helpers</a>
 */
final class CredentialHelper {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_OUTPUT = 1 << 20;

  private final String name;
  private final List<Path> searchPath;
  private final Duration timeout;
  private final String origin;

  /**
   * @param name the suffix: {@code desktop}, {@code pass}, {@code ecr-login}
   * @param searchPath directories to look for {@code docker-credential-<name>} in (the {@code
   *     PATH})
   * @param timeout how long the helper may take
   * @param origin where the helper was configured, for messages ({@code credsStore in
   *     /home/u/.docker/config.json})
   */
  CredentialHelper(String name, List<Path> searchPath, Duration timeout, String origin) {
    this.name = name;
    this.searchPath = List.copyOf(searchPath);
    this.timeout = timeout;
    this.origin = origin;
  }

  /** The suffix after {@code docker-credential-}. */
  String name() {
    return name;
  }

  Optional<Credential> get(String serverUrl) throws IOException {
    Answer answer = run("get", (serverUrl + "\n").getBytes(StandardCharsets.UTF_8), serverUrl);
    if (answer.notFound()) {
      return Optional.empty();
    }
    answer.requireSuccess("get", serverUrl);
    return parse(program(), serverUrl, answer.output);
  }

  /**
   * {@code docker-credential-<name> store}: {@code {"ServerURL":…,"Username":…,"Secret":…}} on
   * stdin; an identity token is stored under the user name {@code <token>}, as Docker does.
   */
  void store(String serverUrl, Credential credential) throws IOException {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("ServerURL", serverUrl);
    if (credential instanceof Credential.UsernamePassword) {
      Credential.UsernamePassword up = (Credential.UsernamePassword) credential;
      payload.put("Username", up.username());
      payload.put("Secret", up.password());
    } else if (credential instanceof Credential.IdentityToken) {
      payload.put("Username", "<token>");
      payload.put("Secret", ((Credential.IdentityToken) credential).token());
    } else {
      throw new IllegalArgumentException(
          "only a user name and password or an identity token can be stored");
    }
    run("store", JSON.writeValueAsBytes(payload), serverUrl).requireSuccess("store", serverUrl);
  }

  /**
   * {@code docker-credential-<name> erase}: the server URL on stdin.
   *
   * @return false when the helper had nothing for {@code serverUrl}
   */
  boolean erase(String serverUrl) throws IOException {
    Answer answer = run("erase", (serverUrl + "\n").getBytes(StandardCharsets.UTF_8), serverUrl);
    if (answer.notFound()) {
      return false;
    }
    answer.requireSuccess("erase", serverUrl);
    return true;
  }

  private String program() {
    return "docker-credential-" + name;
  }

  /**
   * Runs {@code docker-credential-<name> action} with {@code input} on stdin, bounded in time and
   * output.
   */
  private Answer run(String action, byte[] input, String serverUrl) throws IOException {
    String program = program();
    if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
      throw new RegistryException(
          "", "invalid credential helper name '" + name + "' (" + origin + ")");
    }
    Path executable =
        find(program)
            .orElseThrow(
                () ->
                    new RegistryException(
                        "",
                        "credential helper "
                            + program
                            + " ("
                            + origin
                            + ") is not installed or not on the PATH ("
                            + searchPath.size()
                            + " directories searched). Install it, put it on the PATH of this process"
                            + " (IDEs often start with a shorter PATH than a terminal), or remove it from the configuration"));
    Process process =
        new ProcessBuilder(executable.toString(), action).redirectErrorStream(true).start();
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input);
      } catch (IOException ignored) {
        // The helper may exit before reading; its exit status tells.
      }
      byte[] output = readBounded(process.getInputStream(), process);
      if (!process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        throw timedOut(program);
      }
      return new Answer(program, process.exitValue(), output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException(
          "interrupted while running " + program + " " + action);
    } finally {
      kill(process);
    }
  }

  /** What a helper run produced: its exit status and its (bounded) output. */
  private static final class Answer {
    final String program;
    final int exitStatus;
    final byte[] output;

    Answer(String program, int exitStatus, byte[] output) {
      this.program = program;
      this.exitStatus = exitStatus;
      this.output = output;
    }

    private String text() {
      return new String(output, StandardCharsets.UTF_8).trim();
    }

    /**
     * The helper protocol's "not found" answer: exit status 1 with {@code credentials not found}.
     */
    boolean notFound() {
      return exitStatus != 0
          && text().toLowerCase(java.util.Locale.ROOT).contains("credentials not found");
    }

    void requireSuccess(String action, String serverUrl) throws RegistryException {
      if (exitStatus == 0) {
        return;
      }
      // The helper's own message, first line only: helpers report errors, not secrets.
      String firstLine = text().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", " ");
      throw new RegistryException(
          "",
          program
              + " "
              + action
              + " failed for "
              + serverUrl
              + " (exit status "
              + exitStatus
              + ")"
              + (firstLine.isEmpty()
                  ? ""
                  : ": "
                      + (firstLine.length() > 200
                          ? firstLine.substring(0, 200) + "…"
                          : firstLine)));
    }
  }

  /** Kills the helper and anything it started (a shell script's children hold its stdout open). */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private byte[] readBounded(InputStream in, Process process) throws IOException {
    // Read on this thread with a deadline enforced by a watchdog that kills a hung helper.
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                  kill(process);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "credential-helper-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) != -1; ) {
        if (out.size() + n > MAX_OUTPUT) {
          throw new RegistryException(
              "", "credential helper docker-credential-" + name + " wrote too much output");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } finally {
      watchdog.interrupt();
    }
  }

  private RegistryException timedOut(String program) {
    return new RegistryException(
        "", program + " did not answer within " + timeout.toSeconds() + " s (" + origin + ")");
  }

  private static Optional<Credential> parse(String program, String serverUrl, byte[] output)
      throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(output);
    } catch (JacksonException e) {
      throw new RegistryException(
          "", program + " get answered with something that is not JSON for " + serverUrl);
    }
    String username = node.path("Username").asString("");
    String secret = node.path("Secret").asString("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    if (username.equals("<token>")) {
      return Optional.of(Credential.identityToken(secret));
    }
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new RegistryException(
          "", program + " get returned an invalid user name for " + serverUrl);
    }
    return Optional.of(Credential.usernamePassword(username, secret));
  }

  private Optional<Path> find(String program) {
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
