package dev.registrykit.examples.cli;

/** One {@code registrykit} subcommand. Implementations are stateless. */
interface Command {

  /** The name, arguments, help and options of the command. */
  CommandSpec spec();

  /**
   * Runs the command. Results go to {@link Console#out()}, progress to {@link Console#status}.
   *
   * @throws UsageException for arguments that are syntactically fine but make no sense
   * @throws Exception anything else becomes a one-line error and exit code 1 (2 for invalid input)
   */
  void run(Invocation invocation) throws Exception;
}
