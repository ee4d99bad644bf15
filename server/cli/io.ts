// Where the command line writes: every subcommand takes one, so tests capture what it prints.

/** Output goes through these so tests can capture it. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
