// The shape every `certwatch <name>` subcommand module exports, so main.ts can
// list them in --help and load only the one being run.
export interface Command {
  /** One line for `certwatch --help`. */
  summary: string;
  /** Full usage text for `certwatch <name> --help`. */
  usage: string;
  /** Returns the process exit code (0 ok, 1 failure, 2 bad usage/config). */
  run(args: string[]): Promise<number>;
}
