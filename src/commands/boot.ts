/** Shared boot steps of the commands: configuration with a clear message on a bad value. */
import { ConfigError, loadConfig, type Config } from "../config";

export function configOrExit(): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return null;
    }
    throw error;
  }
}
