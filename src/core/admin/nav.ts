/** The back office's navigation. Areas add their entries here (one line each). */
import type { MessageKey } from "../i18n/catalogues";

export interface AdminNavEntry {
  href: string;
  label: MessageKey;
}

export const adminNav: AdminNavEntry[] = [{ href: "/admin", label: "admin.dashboard" }];
adminNav.push({ href: "/admin/users", label: "accounts.admin.nav" });
adminNav.push({ href: "/admin/census", label: "verifications.nav.census" }, { href: "/admin/verifications", label: "verifications.nav.authorizations" });
adminNav.push({ href: "/admin/organization", label: "organization.nav" }, { href: "/admin/appearance", label: "theme.nav" }, { href: "/admin/audit", label: "audit.nav" });
adminNav.push({ href: "/admin/spaces", label: "spaces.admin.nav" });
adminNav.push({ href: "/admin/petitions", label: "petitions.nav.admin" });
adminNav.push({ href: "/admin/newsletters", label: "newsletters.nav" });
