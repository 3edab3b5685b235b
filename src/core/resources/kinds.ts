/**
 * Resource kinds: what a component tells the participation kit about its resources (petitions,
 * proposals, debates, projects...). A manifest lists them under `resources`, keyed by a type name
 * unique across the installation ("petition"); the kit (comments, follows, endorsements, co-authors,
 * reports and moderation, notifications) then works on any of them by `(type, id)` alone.
 *
 * Example, in a manifest:
 *   resources: {
 *     proposal: {
 *       label: "proposals.resource",
 *       load: (db, ids) => loadProposalFacts(db, ids),
 *       comments: { alignment: true },
 *       endorsements: true,
 *       coauthors: true,
 *       setHidden: (tx, ids, hidden) => hideProposals(tx, ids, hidden),
 *       events: { answered: { to: ["followers", "authors"], message: "proposals.notification.answered" } },
 *     },
 *   },
 * and raise an event in the transaction that changes the resource: `await notify(tx, { type: "proposal", id }, "answered")`.
 */
import type { Db } from "../../db/client";
import type { AttachmentRules } from "../attachments/files";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";

/** A resource as the kit sees it: enough to place it, name it, link to it and decide who may see it. */
export interface ResourceFacts {
  type: string;
  id: number;
  componentId: number;
  spaceId: number;
  /** Its title (a petition's plain title, or a translatable one). */
  title: string | Translatable;
  /** Its page, a path on this platform ("/petitions/12"). */
  url: string;
  /** Its authors (and accepted co-authors) by account id. */
  authorIds: number[];
  /**
   * Visible to the public (published, not withdrawn, not hidden by moderation). Otherwise only its
   * authors and the space's staff see it, and its comments, follows and reports are closed to others.
   */
  public: boolean;
  /**
   * Only the space's members (admitted private users, sitting assembly members) and its staff may see
   * it, as in a private space, even when the space is open (a committee's own discussion area).
   */
  membersOnly?: boolean;
  /** The component's own permission resource, passed to `can()` (the manifest's rule sees it). */
  permissionResource?: unknown;
}

/** Who an event is told to; the actor who caused it never is. */
export type EventAudience = "followers" | "authors" | "spaceFollowers" | "spaceAdmins" | "mentioned" | "parentAuthor";

export interface ResourceEvent {
  to: EventAudience[];
  /** The in-app notification, and the mail's subject and line (values: `title` and the event's own). */
  message: MessageKey;
  /** Values that are message keys (a state's name), translated in the reader's language. */
  keyedValues?: (values: Record<string, string | number>) => Record<string, MessageKey>;
  /**
   * The mail's own subject and first line, when they should say more than the notification (values:
   * `title` and the event's own, untranslated); otherwise both are the notification's sentence.
   */
  mail?: { subject: MessageKey; body: MessageKey };
}

/**
 * How a discussion with alignment is laid out: one list (default), or `columns`: in favour and against
 * side by side, neutral below (a debate's page; the columns stack on a narrow screen).
 */
export type CommentsLayout = "list" | "columns";

export interface ResourceKind {
  /** The kind's name in a sentence ("petition"): moderation queue, notifications, open data. */
  label: MessageKey;
  /** The facts of these resources (ids that no longer exist are left out). */
  load: (db: Db, ids: number[]) => Promise<Map<number, ResourceFacts>>;
  /** People comment on it; `alignment`: each comment may say it is in favour, against or neutral. */
  comments?: boolean | { alignment?: boolean; layout?: CommentsLayout };
  /** People endorse ("like") it, when the component's step settings enable endorsements. */
  endorsements?: boolean;
  /** Several authors, invited and accepted; `max`: at most this many co-authors (invited or accepted) besides the author. */
  coauthors?: boolean | { max?: number };
  /** Hidden (true) or shown again (false) by moderation: the component leaves it out of its lists and pages. */
  setHidden?: (tx: Db, ids: number[], hidden: boolean) => Promise<void>;
  /** A moderator's correction of its title (the kit records the note in the audit log). */
  setTitle?: (tx: Db, id: number, title: string) => Promise<void>;
  /** The ids of this kind a person authored (hidden when a moderator blocks them). */
  authoredBy?: (db: Db, userId: number) => Promise<number[]>;
  /** Events the component raises with `notify(tx, { type, id }, name)`, and who hears of them. */
  events?: Record<string, ResourceEvent>;
  /** Files people attach to it (src/core/attachments): the types taken, the largest file, how many per resource. */
  attachments?: AttachmentRules;
  /**
   * The public resources of this kind in a space, newest first, optionally those whose title holds `q`
   * (what another component offers to link to: a result's proposals). A bounded number of queries.
   */
  listInSpace?: (db: Db, spaceId: number, opts: { q?: string | undefined; limit: number }) => Promise<ResourceFacts[]>;
  /**
   * What one component of this kind hands over to another (Decidim's "import proposals to projects" and
   * "projects to results"): accepted proposals with their cost become a budget's projects; a budget's
   * selected projects become results. Public resources only; one bounded query. The taker keeps a link
   * back by `{type, id}` and copies what it needs.
   */
  handOver?: HandOver;
}

export interface HandOverItem extends ResourceFacts {
  body: Translatable;
  /** Its cost, where the kind has one (an answered proposal's cost, a project's cost). */
  cost: number | null;
  categoryId: number | null;
  scopeId: number | null;
}

export interface HandOver {
  /** What the offer is, for the taker's form ("accepted proposals", "selected projects"). */
  label: MessageKey;
  list: (db: Db, componentId: number) => Promise<HandOverItem[]>;
}

export interface ResourceRef {
  type: string;
  id: number;
}

const kinds = new Map<string, { component: string; kind: ResourceKind }>();

/** Called by the component registry for each kind a manifest declares. */
export function registerResourceKind(type: string, component: string, kind: ResourceKind): void {
  const existing = kinds.get(type);
  if (existing && existing.kind === kind) return;
  if (existing) throw new Error(`resource kind ${type} declared by both ${existing.component} and ${component}`);
  kinds.set(type, { component, kind });
}

export function getResourceKind(type: string): ResourceKind | undefined {
  return kinds.get(type)?.kind;
}

export function listResourceKinds(): Array<{ type: string; component: string; kind: ResourceKind }> {
  return [...kinds.entries()].map(([type, k]) => ({ type, ...k }));
}

/** The facts of one resource, or null when its kind or the resource does not exist. */
export async function loadResourceFacts(db: Db, ref: ResourceRef): Promise<ResourceFacts | null> {
  const kind = getResourceKind(ref.type);
  if (!kind) return null;
  return (await kind.load(db, [ref.id])).get(ref.id) ?? null;
}

/** The layout of a kind's discussions (columns only make sense with alignment). */
export function commentsLayout(kind: ResourceKind): CommentsLayout {
  return asksAlignment(kind) && typeof kind.comments === "object" && kind.comments.layout === "columns" ? "columns" : "list";
}

/** The facts of several resources of any kinds: one `load` per kind named (ids of unknown kinds are left out). */
export async function loadManyResourceFacts(db: Db, refs: ResourceRef[]): Promise<ResourceFacts[]> {
  const byType = new Map<string, number[]>();
  for (const r of refs) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
  const loaded = await Promise.all(
    [...byType.entries()].map(async ([type, ids]) => {
      const kind = getResourceKind(type);
      return kind ? kind.load(db, ids) : new Map<number, ResourceFacts>();
    }),
  );
  const out: ResourceFacts[] = [];
  for (const r of refs) {
    const f = loaded.find((m) => m.get(r.id)?.type === r.type)?.get(r.id);
    if (f) out.push(f);
  }
  return out;
}

/** Whether a component kind asks commenters to take a side. */
export function asksAlignment(kind: ResourceKind): boolean {
  return typeof kind.comments === "object" && kind.comments.alignment === true;
}
