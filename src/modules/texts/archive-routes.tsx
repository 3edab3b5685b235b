/**
 * The archive (`/texts/:textId/archive`): the list of stage snapshots, a snapshot read-only, and the
 * editors' "archive this stage" (a snapshot for the space's active step, audited).
 */
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { redirectWithFlash } from "../../web/render";
import { isEditor } from "./amendment-routes";
import { freezeSnapshot, listSnapshots, loadSnapshot } from "./archive";
import { ArchiveIndexView, SnapshotView } from "./archive-views";
import { textHref, visibleText } from "./block-routes";
import { tr } from "./block-views";
import type { TextSettings, TextStepSettings } from "./settings";

type Handler = ComponentRoute<TextSettings, TextStepSettings>["handler"];

const ID = /^\d{1,15}$/;
const textParams = z.object({ textId: z.string().regex(ID) });
const snapshotParams = textParams.extend({ snapshotId: z.string().regex(ID) });

const index: Handler = async (req, reply, c) => {
  const text = await visibleText(c, Number(c.params.textId));
  const snapshots = await listSnapshots(c.deps.db, text.id);
  return sendComponentPage(req, reply, c, {
    title: req.ctx.t("texts.archive.title", { title: tr(req.ctx, text.title).text }),
    body: <ArchiveIndexView ctx={req.ctx} textHref={textHref(c, text.id)} text={text} snapshots={snapshots} editor={isEditor(c)} />,
  });
};

const show: Handler = async (req, reply, c) => {
  const text = await visibleText(c, Number(c.params.textId));
  const snapshot = await loadSnapshot(c.deps.db, text.id, Number(c.params.snapshotId));
  if (!snapshot) throw notFound();
  return sendComponentPage(req, reply, c, {
    title: `${tr(req.ctx, snapshot.title).text} — ${req.ctx.t("texts.archive.heading")}`,
    body: <SnapshotView ctx={req.ctx} textHref={textHref(c, text.id)} snapshot={snapshot} />,
  });
};

const freeze: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user || !isEditor(c)) throw notFound();
  const text = await visibleText(c, Number(c.params.textId));
  const id = await freezeSnapshot(c.deps.db, { id: user.id, ip: req.ip, spaceId: c.space.id }, text.id, c.space.activeStepId);
  if (id === null) throw notFound();
  return redirectWithFlash(reply, `${textHref(c, text.id)}/archive/${id}`, "success", req.ctx.t("texts.archive.frozen"));
};

export const archiveRoutes: Array<ComponentRoute<TextSettings, TextStepSettings>> = [
  { method: "GET", path: "/texts/:textId/archive", params: textParams, handler: index },
  { method: "GET", path: "/texts/:textId/archive/:snapshotId", params: snapshotParams, handler: show },
  { method: "POST", path: "/texts/:textId/archive", params: textParams, handler: freeze },
];
