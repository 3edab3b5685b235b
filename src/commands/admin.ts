/** `pnyx admin create --email <e> [--name <n>] [--password-file <f>] [--json]`: the first administrator. */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { eq } from "drizzle-orm";
import { users } from "../core/accounts/schema";
import { isGuessablePassword } from "../core/accounts/password-strength";
import { MIN_PASSWORD_LENGTH } from "../core/accounts/passwords";
import { createUser, findUserByEmail } from "../core/accounts/users";
import { withMigratedDatabase } from "./boot";
import { parseFlags, printJson, runSubcommand, UsageError } from "./cli-io";

const USAGE = `Usage: pnyx admin create --email <email> [--name <name>] [--password-file <file>] [--json]

Without --password-file the password is asked for at a prompt (on standard error), or read from the
first line of standard input when it is not a terminal.
--json: one JSON object on standard output, {"ok":true,"email":...,"created":true|false}; logs on standard error.`;

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped input: read the first line.
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return "";
  }
  // The prompt goes to standard error: standard output is the command's result.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  const ask = rl.question("Password: ");
  muted._writeToOutput = () => {};
  const answer = await ask;
  rl.close();
  process.stderr.write("\n");
  return answer;
}

async function readPasswordFile(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).split("\n")[0] ?? "";
  } catch (error) {
    throw new UsageError(`cannot read --password-file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function create(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    { email: { type: "string" }, name: { type: "string" }, "password-file": { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    { positionals: 0 },
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const email = values.email;
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError("--email with a valid address is required");
  const json = values.json === true;
  const password = values["password-file"] ? await readPasswordFile(values["password-file"]) : await promptPassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  // The same rule as the web forms: an administrator's password is the first one an attacker tries.
  if (isGuessablePassword(password)) throw new UsageError("the password is too easy to guess (a common password or a simple pattern); choose another, for example a few unrelated words");
  return withMigratedDatabase("admin create", json, async (db) => {
    const existing = await findUserByEmail(db, email);
    if (existing) {
      await db.update(users).set({ isAdmin: true, emailConfirmedAt: existing.emailConfirmedAt ?? new Date() }).where(eq(users.id, existing.id));
    } else {
      await createUser(db, { email, name: values.name ?? email.split("@")[0] ?? "Admin", password, isAdmin: true, confirmed: true });
    }
    if (json) printJson({ ok: true, email, created: !existing });
    else console.log(existing ? `${email} is now an administrator` : `administrator ${email} created`);
    return 0;
  });
}

export async function run(argv: string[]): Promise<number> {
  return runSubcommand("admin", USAGE, argv, { create });
}
