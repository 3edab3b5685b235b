/** Shared boot steps of the commands: configuration with a clear message on a bad value. */
import { ConfigError, loadConfig, type Config } from "../config";
import { printJson } from "./cli-io";

/** The configuration, or null after saying what is wrong on standard error (and as `{"ok":false}` with `json`). */
export function configOrExit(json = false): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      if (json) printJson({ ok: false, error: error.message });
      return null;
    }
    throw error;
  }
}
