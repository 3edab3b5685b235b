/** What every request knows about itself: who, in which language, for which organization. */
import type { Translate } from "../i18n/translator";
import type { Locale } from "../i18n/locales";
import type { Organization } from "../organization/service";

export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  emailConfirmed: boolean;
  locale: Locale | null;
}

export interface RequestContext {
  locale: Locale;
  t: Translate;
  org: Organization;
  user: CurrentUser | null;
  /** Unread in-app notifications of the signed-in person (0 when signed out). */
  unreadNotifications: number;
  /** The hashed id of the signed-in session, if any. */
  sessionId: string | null;
  /** A per-request nonce for the CSP (inline scripts and styles must carry it). */
  nonce: string;
  /** A CSRF token for forms rendered by this request. */
  csrfToken: () => string;
  /** Flash message carried over a redirect (shown once). */
  flash: { kind: "success" | "error" | "info"; text: string } | null;
}

declare module "fastify" {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}
