/** A notification's sentence in one language: its keyed values translated first, then its message. */
import type { MessageKey } from "../i18n/catalogues";
import type { Translate } from "../i18n/translator";

export interface StoredNotice {
  message: MessageKey;
  values: Record<string, string | number>;
  keyedValues: Record<string, MessageKey>;
}

export function notificationText(t: Translate, n: StoredNotice): string {
  const values: Record<string, string | number> = { ...n.values };
  for (const [k, key] of Object.entries(n.keyedValues)) values[k] = t(key);
  return t(n.message, values);
}
