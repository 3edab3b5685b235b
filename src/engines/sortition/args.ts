/** A strict argument parser for the sortition commands: known flags only, every error reported. */

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string>;
  switches: Set<string>;
  errors: string[];
}

/** Parses `argv`; `valued` flags take the next argument, `bare` flags take none. */
export function parseArgs(argv: readonly string[], valued: readonly string[], bare: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Map(), switches: new Set(), errors: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (!a.startsWith("--")) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (bare.includes(name)) out.switches.add(name);
    else if (valued.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) out.errors.push(`--${name} needs a value`);
      else out.flags.set(name, value);
    } else out.errors.push(`unknown option --${name}`);
  }
  return out;
}
