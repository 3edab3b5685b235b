/** Fixtures of the participant side's integration tests: a published process with a conversations component. */
import { signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import { sql } from "drizzle-orm";
import type { TestPlatform } from "../../test/platform";
import { conversationsDue, runConversationTick, tickNow } from "./math";
import { addStatement, createConversation, type NewConversation } from "./service";

export interface ConversationsFixture {
  adminId: number;
  spaceId: number;
  componentId: number;
  /** The component's public base (`/spaces/<slug>/c/<id>`). */
  base: string;
}

export async function conversationsComponent(p: TestPlatform, prefix: string): Promise<ConversationsFixture> {
  const a = await signedInClient(p, { isAdmin: true });
  const actor = { id: a.userId, ip: null };
  const slug = `${prefix}-${Date.now()}`;
  const created = await createSpace(
    p.deps.db,
    actor,
    "process",
    { slug, title: { en: "Voting" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await setSpacePublished(p.deps.db, actor, created.value.id, true);
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations not registered");
  const componentId = (await addComponent(p.deps.db, actor, created.value.id, manifest, { en: "Talk" }, { published: true })).id;
  return { adminId: a.userId, spaceId: created.value.id, componentId, base: `/spaces/${slug}/c/${componentId}` };
}

/** A published conversation with accepted seed statements; returns its id, page address and tids. */
export async function seededConversation(p: TestPlatform, f: ConversationsFixture, texts: readonly string[], opts: Omit<NewConversation, "topic"> = {}): Promise<{ id: number; url: string; tids: number[] }> {
  const id = await createConversation(p.deps.db, f.componentId, { topic: { en: "Our school" }, published: true, ...opts });
  const tids: number[] = [];
  for (const text of texts) tids.push(await addStatement(p.deps.db, id, { text, isSeed: true, state: "accepted" }));
  return { id, url: `${f.base}/conversations/${id}`, tids };
}

/** The statement the voting page asks about, and its tid. */
export function asked(html: string): { text: string; tid: number } | null {
  const q = /<legend[^>]*>.*?<q[^>]*>([^<]*)<\/q>/s.exec(html);
  const tid = /name="tid" value="(\d+)"/.exec(html);
  return q && tid ? { text: q[1]!, tid: Number(tid[1]) } : null;
}

/** The text of the page's live region. */
export function liveRegion(html: string): string {
  return /<div id="conversation-live"[^>]*>([^<]*)<\/div>/.exec(html)?.[1] ?? "";
}

/**
 * The conversation's map computed from every vote at once, whatever the tick job (which runs twice a second
 * in tests too) computed while the votes were arriving: its state would carry what it chose then (Pol.is
 * smooths the group count over ticks, and warm-starts from the last axes). A tick of our own once the job
 * is not computing (it then holds every vote), then the state dropped and computed again (by us or by the
 * job, alike).
 */
export async function tickFromEveryVote(p: TestPlatform, conversationId: number): Promise<void> {
  const forced = async () => {
    if (!(await tickNow(p.deps.db, conversationId, { force: true, timeoutMs: 10_000 })).ran) throw new Error("the conversation's tick did not run");
  };
  await forced();
  await p.deps.db.execute(sql`delete from conversation_math where conversation_id = ${conversationId}`);
  await forced();
}

/** Ticks (ours or the job's) until the conversation is no longer due: its map holds every vote and moderation. */
export async function tickUntilCurrent(p: TestPlatform, conversationId: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (!(await conversationsDue(p.deps.db)).includes(conversationId)) return;
    await runConversationTick(p.deps.db, conversationId);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the conversation stayed due");
}
