/** The meetings component's part of the space archive: each meeting with its minutes, attendees and recording. */
import type { ArchiveInput, ArchiveRender } from "../../core/components/define";
import type { RequestContext } from "../../core/http/context";
import type { Db } from "../../db/client";
import { listMeetingsForArchive } from "./archive-queries";
import { MeetingOutcome, Paragraphs, text, When, Where } from "./view-parts";

type ArchivedMeeting = Awaited<ReturnType<typeof listMeetingsForArchive>>[number];

function ArchivedMeetingView({ ctx, m }: { ctx: RequestContext; m: ArchivedMeeting }) {
  const { t } = ctx;
  const title = text(ctx, m.title);
  const description = text(ctx, m.description);
  const minutes = text(ctx, m.minutes);
  return (
    <article class="archive-meeting">
      <h2 lang={title.lang}>{title.text}</h2>
      <p>
        <When ctx={ctx} m={m} /> · <Where ctx={ctx} m={m} />
      </p>
      {description.text && <Paragraphs text={description.text} lang={description.lang} />}
      <MeetingOutcome ctx={ctx} m={m} />
      <h3>{t("meetings.report.minutes")}</h3>
      {minutes.text ? <Paragraphs text={minutes.text} lang={minutes.lang} /> : <p>{t("archive.part.noMinutes")}</p>}
    </article>
  );
}

export async function archiveMeetings(db: Db, input: ArchiveInput): Promise<ArchiveRender | null> {
  const list = await listMeetingsForArchive(db, input.component.id);
  return (ctx) => (list.length === 0 ? <p>{ctx.t("archive.part.none")}</p> : <>{list.map((m) => <ArchivedMeetingView ctx={ctx} m={m} />)}</>);
}
