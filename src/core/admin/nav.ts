/** The back office's navigation: the core's entries, then each component's (`adminNav` in its manifest). */
import { listComponentManifests } from "../components/registry";
import type { MessageKey } from "../i18n/catalogues";

export interface AdminNavEntry {
  href: string;
  label: MessageKey;
}

const coreEntries: AdminNavEntry[] = [
  { href: "/admin", label: "admin.dashboard" },
  { href: "/admin/users", label: "accounts.admin.nav" },
  { href: "/admin/census", label: "verifications.nav.census" },
  { href: "/admin/verifications", label: "verifications.nav.authorizations" },
  { href: "/admin/organization", label: "organization.nav" },
  { href: "/admin/appearance", label: "theme.nav" },
  { href: "/admin/audit", label: "audit.nav" },
  { href: "/admin/spaces", label: "spaces.admin.nav" },
  { href: "/admin/scopes", label: "categories.scopes.nav" },
  { href: "/admin/moderation", label: "moderation.nav" },
  { href: "/admin/newsletters", label: "newsletters.nav" },
];

/** Every entry, the dashboard first. */
export function adminNav(): AdminNavEntry[] {
  return [...coreEntries, ...listComponentManifests().flatMap((m) => m.adminNav ?? [])];
}
