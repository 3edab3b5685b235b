/**
 * What a suggestion's page shows of the parliament's decision and its follow-up: read by the
 * petition's own statement (a subquery, so the page keeps its fixed number of queries), with the
 * committee's assembly, its recommendations component and how many seats are filled.
 */
import { sql } from "drizzle-orm";
import type { Translatable } from "../../core/i18n/locales";

export interface CommitteeDetails {
  outcome: "accepted" | "refused";
  reasons: string;
  decidedAt: Date;
  drawnSeats: number;
  electedSeats: number;
  /** The committee's assembly, unless it was deleted since. */
  space: { id: number; slug: string; title: Translatable; recommendationsComponentId: number | null; drawn: number; elected: number } | null;
  recommendationsAt: string | null;
  reportDueAt: string | null;
  reportBody: string | null;
  reportUrl: string | null;
  reportPublishedAt: Date | null;
}

/** The subquery (`p` is the petition) yielding the decision as JSON, or null before it. */
export const COMMITTEE_JSON = sql`(select json_build_object(
    'outcome', pc.outcome, 'reasons', pc.reasons, 'decided_at', pc.decided_at, 'drawn_seats', pc.drawn_seats, 'elected_seats', pc.elected_seats,
    'recommendations_at', pc.recommendations_at, 'report_due_at', pc.report_due_at, 'report_body', pc.report_body, 'report_url', pc.report_url,
    'report_published_at', pc.report_published_at,
    'space', case when cs.id is null then null else json_build_object('id', cs.id, 'slug', cs.slug, 'title', cs.title,
      'recommendations', (select x.id from components x where x.space_id = cs.id and x.manifest = 'proposals' order by x.weight, x.id limit 1),
      'drawn', (select count(*)::int from assembly_members m where m.space_id = cs.id and m.designation = 'drawn' and m.ceased_at is null),
      'elected', (select count(*)::int from assembly_members m where m.space_id = cs.id and m.designation = 'elected' and m.ceased_at is null)) end)
  from petition_committees pc left join spaces cs on cs.id = pc.space_id where pc.petition_id = p.id)`;

type Raw = {
  outcome: "accepted" | "refused";
  reasons: string;
  decided_at: string;
  drawn_seats: number;
  elected_seats: number;
  recommendations_at: string | null;
  report_due_at: string | null;
  report_body: string | null;
  report_url: string | null;
  report_published_at: string | null;
  space: { id: number; slug: string; title: Translatable; recommendations: number | null; drawn: number; elected: number } | null;
};

export function committeeDetails(raw: unknown): CommitteeDetails | null {
  if (!raw) return null;
  const r = raw as Raw;
  return {
    outcome: r.outcome,
    reasons: r.reasons,
    decidedAt: new Date(r.decided_at),
    drawnSeats: r.drawn_seats,
    electedSeats: r.elected_seats,
    space: r.space ? { id: Number(r.space.id), slug: r.space.slug, title: r.space.title, recommendationsComponentId: r.space.recommendations === null ? null : Number(r.space.recommendations), drawn: r.space.drawn, elected: r.space.elected } : null,
    recommendationsAt: r.recommendations_at,
    reportDueAt: r.report_due_at,
    reportBody: r.report_body,
    reportUrl: r.report_url,
    reportPublishedAt: r.report_published_at ? new Date(r.report_published_at) : null,
  };
}

/** Whether the report is past its due date without being published (dates compared as calendar days). */
export function followUpOverdue(c: Pick<CommitteeDetails, "reportDueAt" | "reportPublishedAt">, now: Date = new Date()): boolean {
  return Boolean(c.reportDueAt && !c.reportPublishedAt && c.reportDueAt < now.toISOString().slice(0, 10));
}
