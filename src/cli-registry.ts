/**
 * Subcommands of `pnyx`. Each entry loads its module lazily so that `pnyx start` never pays for the
 * engines and `pnyx pb ...` never loads the web stack.
 */
export interface Subcommand {
  summary: string;
  /** Runs the subcommand with the arguments after its name; resolves to the process exit code. */
  run: (argv: string[]) => Promise<number>;
}

export const subcommands: Record<string, Subcommand> = {
  start: { summary: "start the platform (embedded PostgreSQL unless DATABASE_URL is set)", run: async (a) => (await import("./commands/start")).run(a) },
  migrate: { summary: "apply database migrations", run: async (a) => (await import("./commands/migrate")).run(a) },
  seed: { summary: "seed data: pnyx seed --demo", run: async (a) => (await import("./commands/seed")).run(a) },
  admin: { summary: "administration: pnyx admin create --email <email> [--password-file <file>]", run: async (a) => (await import("./commands/admin")).run(a) },
  digest: { summary: "send the notification digests now: pnyx digest --daily|--weekly", run: async (a) => (await import("./commands/digest")).run(a) },
  backup: { summary: "back up the database and uploads: pnyx backup [--out <file.tar.gz>]", run: async (a) => (await import("./commands/backup")).run(a) },
  restore: { summary: "restore a backup: pnyx restore <file.tar.gz> [--yes]", run: async (a) => (await import("./commands/backup")).restore(a) },
  scopes: { summary: "the organization's scopes: pnyx scopes import <file.csv>", run: async (a) => (await import("./commands/scopes")).run(a) },
  opinion: { summary: "opinion mapping (Pol.is math): pnyx opinion compute <dir> [--state <file>] --json", run: async (a) => (await import("./engines/opinion/cli")).run(a) },
  pb: { summary: "participatory budgeting: pnyx pb validate|normalize|compute ...", run: async (a) => (await import("./engines/budgeting/cli")).run(a) },
  sortition: { summary: "sortition: pnyx sortition select|verify ...", run: async (a) => (await import("./engines/sortition/cli")).run(a) },
};

/** The components' subcommands (`commands` in their manifests), loading the composition root. */
export async function componentSubcommands(): Promise<Record<string, Subcommand>> {
  await import("./modules");
  const { listComponentManifests } = await import("./core/components/registry");
  const out: Record<string, Subcommand> = {};
  for (const manifest of listComponentManifests()) {
    for (const [name, command] of Object.entries(manifest.commands ?? {})) {
      if (name in subcommands || name in out) throw new Error(`pnyx ${name}: declared twice (component ${manifest.name})`);
      out[name] = command;
    }
  }
  return out;
}
