/**
 * `pnyx texts`: `import` loads a document into a space's texts component (import-cli.ts); `reanchor`
 * runs the texts engine alone (no database).
 */
const USAGE = `usage: pnyx texts import <file.md|.docx|.odt> --space <slug> [--title "..."] [--json]
       pnyx texts reanchor --old v1.md --new v2.md --annotations a.json --json
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "import") return (await import("./import-cli")).run(rest);
  if (sub === "reanchor") return (await import("../../engines/texts/cli")).run(rest);
  process.stderr.write(USAGE);
  return 2;
}
