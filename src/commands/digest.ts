/** `pnyx digest --daily|--weekly [--json]`: sends the daily or weekly digests now (as their cron job does). */
import { startPlatform } from "../runtime";
import { configOrExit } from "./boot";
import { fail, logLine, parseFlags, printJson, UsageError, withUsage } from "./cli-io";

const USAGE = `Usage: pnyx digest --daily|--weekly [--json]

Sends now, to everyone who chose that frequency and has notifications waiting, the digest mail the
daily or weekly job would send (one mail per person, in their language), in the database of "pnyx start".
The mails are handed to the mail queue, which the running platform delivers.
--json: one JSON object on standard output, {"ok":true,"frequency":"daily","mails":<n>}; logs on standard error.`;

export async function run(argv: string[]): Promise<number> {
  return withUsage("digest", USAGE, async () => {
    const { values } = parseFlags(argv, { daily: { type: "boolean" }, weekly: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { positionals: 0 });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.daily === values.weekly) throw new UsageError("say which digest: --daily or --weekly");
    const frequency = values.daily ? "daily" : "weekly";
    const json = values.json === true;
    const config = configOrExit(json);
    if (!config) return 1;
    let platform;
    try {
      platform = await startPlatform({ ...config, LOG_LEVEL: json ? "silent" : "warn" }, logLine);
    } catch (error) {
      return fail("digest", error, json);
    }
    try {
      const [{ sendDigests }, { relayMailOutbox }] = await Promise.all([import("../core/notifications/digest"), import("../core/mail/outbox")]);
      const mails = await sendDigests(platform.deps, frequency);
      await relayMailOutbox(platform.deps);
      if (json) printJson({ ok: true, frequency, mails });
      else console.log(`${frequency} digests: ${mails} mail(s) queued`);
      return 0;
    } catch (error) {
      return fail("digest", error, json, { trace: true });
    } finally {
      await platform.close();
    }
  });
}
