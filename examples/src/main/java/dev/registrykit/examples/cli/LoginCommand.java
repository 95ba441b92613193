package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryLogin;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.DockerCredentialStore;
import dev.registrykit.core.reference.Registry;
import java.util.List;

/**
 * {@code registrykit login [--username U] [--password-stdin] [REGISTRY]}: as {@code docker login},
 * verifies the credentials with the registry, then stores them where Docker does.
 */
final class LoginCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "login",
        "[REGISTRY]",
        "Logs in to REGISTRY (default Docker Hub) and stores the credentials as docker login does.",
        "The credentials are checked with the registry first (GET /v2/, with a token request where the"
            + " registry uses tokens); only accepted ones are stored: with the credential helper that"
            + " config.json names for the registry (credHelpers) or for all (credsStore), else base64 in"
            + " config.json's auths. Without --password-stdin the password is prompted for without echo."
            + " The config directory is --config, else $DOCKER_CONFIG, else ~/.docker.",
        List.of(
            OptionSpec.value("username", "USER", "the user name (prompted for when missing)"),
            OptionSpec.flag("password-stdin", "read the password or token from standard input"),
            LogoutCommand.CONFIG),
        0,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    if (invocation.creds().isPresent()) {
      throw new UsageException("login takes --username and --password-stdin, not --creds");
    }
    Registry registry = LogoutCommand.registry(invocation);
    Console console = invocation.console();
    boolean passwordStdin = invocation.args().has("password-stdin");
    String username = invocation.args().value("username").orElse("");
    if (username.isEmpty()) {
      if (passwordStdin) {
        throw new UsageException("--password-stdin needs --username");
      }
      username =
          console.prompt("Username: ", false, "give --username and --password-stdin").strip();
    }
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new UsageException("the user name must be non-empty and without ':'");
    }
    String password;
    if (passwordStdin) {
      password = console.readInput();
      // As docker: one trailing line break is not part of the password.
      password = password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
      password = password.endsWith("\r") ? password.substring(0, password.length() - 1) : password;
    } else {
      password =
          console.prompt(
              "Password: ", true, "give the password on standard input with --password-stdin");
    }
    if (password.isEmpty()) {
      throw new UsageException("the password is empty");
    }
    DockerCredentialStore store = LogoutCommand.store(invocation);
    DockerCredentialStore.Location where =
        RegistryLogin.login(
            registry,
            Credential.usernamePassword(username, password),
            store,
            Registries.builder(invocation, List.of(registry)));
    if (where.helper().isEmpty()) {
      console
          .err()
          .println("WARNING! Your credentials are stored unencrypted in '" + where.file() + "'.");
      console.err().println("Configure a credential helper to remove this warning. See");
      console.err().println("https://docs.docker.com/go/credential-store/");
    }
    console.out().println("Login Succeeded");
  }
}
