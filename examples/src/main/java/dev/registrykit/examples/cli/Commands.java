package dev.registrykit.examples.cli;

import java.util.List;

/** Every subcommand of {@code registrykit}, in the order {@code --help} lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(
        new ParseCommand(),
        new PushCommand(),
        new PullCommand(),
        new CopyCommand(),
        new ReferrersCommand(),
        new SyncCommand(),
        new ArtifactCommand(),
        new IndexCommand(),
        new TagCommand(),
        new DigestCommand(),
        new ManifestCommand(),
        new ConfigCommand(),
        new TagsCommand(),
        new CatalogCommand(),
        new DeleteCommand(),
        new LoginCommand(),
        new LogoutCommand(),
        new RateLimitCommand(),
        new ServeCommand(),
        new TutorialCommand());
  }
}
