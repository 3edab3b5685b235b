/**
 * The results JSON API's data: the results of a public space's published results components (parents
 * before their sub-results, twenty a page) and one result, as `resultJson` presents them.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { publicSpaceSql } from "../../core/permissions/access";
import { componentPath, type SpaceRecord } from "../../core/spaces/types";

export const API_PAGE_SIZE = 20;

export interface ApiResult {
  id: number;
  componentId: number;
  slug: string;
  parentId: number | null;
  title: Translatable;
  description: Translatable;
  status: { token: string; name: Translatable } | null;
  progress: number | null;
  startDate: string | null;
  endDate: string | null;
  links: Array<{ type: string; id: number }>;
}

type Row = {
  id: string;
  component_id: string;
  slug: string;
  parent_id: string | null;
  title: Translatable;
  description: Translatable;
  status_token: string | null;
  status_name: Translatable | null;
  progress: number | null;
  start_date: string | null;
  end_date: string | null;
  links: Array<{ type: string; id: number }>;
};

const COLUMNS = sql`r.id, r.component_id, s.slug, r.parent_id, r.title, r.description, st.token as status_token, st.name as status_name, r.progress,
  r.start_date::text as start_date, r.end_date::text as end_date,
  coalesce((select jsonb_agg(jsonb_build_object('type', l.resource_type, 'id', l.resource_id) order by l.resource_type, l.resource_id) from result_links l where l.result_id = r.id), '[]'::jsonb) as links`;
const FROM = sql`results r join components c on c.id = r.component_id join spaces s on s.id = c.space_id left join result_statuses st on st.id = r.status_id`;
const PUBLIC = sql`c.manifest = 'results' and c.published_at is not null and ${publicSpaceSql("s")}`;

const toApi = (r: Row): ApiResult => ({
  id: Number(r.id),
  componentId: Number(r.component_id),
  slug: r.slug,
  parentId: r.parent_id === null ? null : Number(r.parent_id),
  title: r.title,
  description: r.description,
  status: r.status_token === null ? null : { token: r.status_token, name: r.status_name ?? {} },
  progress: r.progress,
  startDate: r.start_date,
  endDate: r.end_date,
  links: r.links.map((l) => ({ type: l.type, id: Number(l.id) })),
});

/** One page of the space's results (top-level ones first, then sub-results, each by their order), with the total. */
export async function listApiResults(db: Db, space: SpaceRecord, page: number): Promise<{ items: ApiResult[]; total: number }> {
  const where = sql`c.space_id = ${space.id} and ${PUBLIC}`;
  const [rows, counted] = await Promise.all([
    db.execute<Row>(sql`select ${COLUMNS} from ${FROM} where ${where} order by r.parent_id nulls first, r.weight, r.id limit ${API_PAGE_SIZE} offset ${(Math.max(1, page) - 1) * API_PAGE_SIZE}`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from results r join components c on c.id = r.component_id join spaces s on s.id = c.space_id where ${where}`),
  ]);
  return { items: rows.rows.map(toApi), total: counted.rows[0]?.n ?? 0 };
}

/** One result of a public space's published results component, or null. */
export async function findApiResult(db: Db, id: number): Promise<ApiResult | null> {
  const rows = await db.execute<Row>(sql`select ${COLUMNS} from ${FROM} where r.id = ${id} and ${PUBLIC}`);
  const row = rows.rows[0];
  return row ? toApi(row) : null;
}

/** What the API answers for a result. */
export function resultJson(base: string, r: ApiResult) {
  return {
    id: r.id,
    url: `${base}${componentPath({ slug: r.slug }, r.componentId, `/${r.id}`)}`,
    parentId: r.parentId,
    title: r.title,
    description: r.description,
    status: r.status,
    progress: r.progress === null ? null : Math.round(r.progress * 100) / 100,
    startDate: r.startDate,
    endDate: r.endDate,
    links: r.links,
    componentId: r.componentId,
  };
}
