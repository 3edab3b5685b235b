/** The proposals component's part of the space archive: each proposal's text, state, answer and counts. */
import type { ArchiveInput, ArchiveRender } from "../../core/components/define";
import type { RequestContext } from "../../core/http/context";
import type { Db } from "../../db/client";
import { listProposalsForArchive, type ArchivedProposal } from "./archive-queries";
import { Paragraphs, text } from "./view-parts";

function ArchivedProposalView({ ctx, p }: { ctx: RequestContext; p: ArchivedProposal }) {
  const { t } = ctx;
  const title = text(ctx, p.title);
  const body = text(ctx, p.body);
  const answer = text(ctx, p.answer);
  const state = p.stateName ? text(ctx, p.stateName).text : "";
  return (
    <article class="archive-proposal">
      <h2 lang={title.lang}>{title.text}</h2>
      <p class="hint">
        {p.official ? t("archive.part.official") : p.authorName ? t("archive.part.author", { name: p.authorName }) : t("accounts.deletedParticipant")}
        {" · "}
        {p.withdrawn ? t("archive.part.withdrawn") : state ? t("archive.part.state", { state }) : t("archive.part.noState")}
        {" · "}
        {t("archive.part.counts", { supports: p.supports, comments: p.comments })}
      </p>
      <Paragraphs text={body.text} lang={body.lang} />
      {answer.text && (
        <>
          <h3>{t("archive.part.answer")}</h3>
          <Paragraphs text={answer.text} lang={answer.lang} />
        </>
      )}
    </article>
  );
}

export async function archiveProposals(db: Db, input: ArchiveInput): Promise<ArchiveRender | null> {
  const list = await listProposalsForArchive(db, input.component.id);
  return (ctx) => (list.length === 0 ? <p>{ctx.t("archive.part.none")}</p> : <>{list.map((p) => <ArchivedProposalView ctx={ctx} p={p} />)}</>);
}
