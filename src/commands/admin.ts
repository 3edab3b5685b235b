/** `pnyx admin create --email <e> [--name <n>] [--password-file <f>]`: the first administrator. */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { eq } from "drizzle-orm";
import { users } from "../core/accounts/schema";
import { MIN_PASSWORD_LENGTH } from "../core/accounts/passwords";
import { createUser, findUserByEmail } from "../core/accounts/users";
import { openDatabase } from "../db/client";
import { locateDatabase } from "../db/connect";
import { migrateDatabase } from "../db/migrate";
import { parseFlags } from "./args";
import { configOrExit } from "./boot";

const USAGE = "Usage: pnyx admin create --email <email> [--name <name>] [--password-file <file>]\n\nWithout --password-file the password is asked for at a prompt.";

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped input: read the first line.
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return "";
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  const ask = rl.question("Password: ");
  muted._writeToOutput = () => {};
  const answer = await ask;
  rl.close();
  process.stdout.write("\n");
  return answer;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "create") {
    console.log(USAGE);
    return sub === "--help" ? 0 : 2;
  }
  const { values } = parseFlags(rest, { email: { type: "string" }, name: { type: "string" }, "password-file": { type: "string" }, help: { type: "boolean" } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
    console.error("pnyx admin create: --email with a valid address is required");
    return 2;
  }
  const password = values["password-file"] ? (await readFile(values["password-file"], "utf8")).split("\n")[0] ?? "" : await promptPassword();
  if (password.length < MIN_PASSWORD_LENGTH) {
    console.error(`pnyx admin create: the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    return 2;
  }
  const config = configOrExit();
  if (!config) return 1;
  const location = await locateDatabase(config, () => {});
  const database = openDatabase(location.url, 2);
  try {
    await migrateDatabase(location.url);
    const existing = await findUserByEmail(database.db, values.email);
    if (existing) {
      await database.db.update(users).set({ isAdmin: true, emailConfirmedAt: existing.emailConfirmedAt ?? new Date() }).where(eq(users.id, existing.id));
      console.log(`${values.email} is now an administrator`);
    } else {
      await createUser(database.db, { email: values.email, name: values.name ?? values.email.split("@")[0] ?? "Admin", password, isAdmin: true, confirmed: true });
      console.log(`administrator ${values.email} created`);
    }
    return 0;
  } finally {
    await database.close();
    await location.stop();
  }
}
