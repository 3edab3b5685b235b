/**
 * What a proposals component hands over to another (Decidim's "import proposals to projects"): its
 * accepted proposals whose answer is published and that carry a cost, with their authors. One query.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { HandOver, HandOverItem } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";

type Row = {
  id: string;
  component_id: string;
  space_id: string;
  slug: string;
  title: Translatable;
  body: Translatable;
  author_id: string | null;
  coauthors: string[];
  cost_cents: string;
  category_id: string | null;
  scope_id: string | null;
};

/** The component's public accepted proposals with a published answer and a cost (in currency units), oldest first. */
export async function acceptedWithCost(db: Db, componentId: number): Promise<HandOverItem[]> {
  const rows = await db.execute<Row>(sql`
    select p.id, p.component_id, c.space_id, s.slug, p.title, p.body, p.author_id, p.cost_cents, p.category_id, p.scope_id,
      array(select ca.user_id::text from coauthorships ca where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted') as coauthors
    from proposals p join proposal_states st on st.id = p.state_id join components c on c.id = p.component_id join spaces s on s.id = c.space_id
    where p.component_id = ${componentId} and st.token = 'accepted' and p.state_published_at is not null and p.cost_cents is not null
      and p.published_at is not null and p.hidden_at is null and p.withdrawn_at is null
    order by p.published_at, p.id`);
  return rows.rows.map((r) => {
    const authorIds = [...(r.author_id === null ? [] : [Number(r.author_id)]), ...r.coauthors.map(Number)];
    return {
      type: "proposal",
      id: Number(r.id),
      componentId: Number(r.component_id),
      spaceId: Number(r.space_id),
      title: r.title,
      url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`),
      authorIds: [...new Set(authorIds)],
      public: true,
      body: r.body,
      cost: Number(r.cost_cents) / 100,
      categoryId: r.category_id === null ? null : Number(r.category_id),
      scopeId: r.scope_id === null ? null : Number(r.scope_id),
    };
  });
}

export const acceptedProposalsHandOver: HandOver = { label: "proposals.handOver.accepted", list: acceptedWithCost };
