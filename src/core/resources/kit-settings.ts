/**
 * What a component gets from the participation kit by declaring resource kinds: the kit's settings
 * (comments enabled or read-only per step, the longest comment, the edit window, endorsements) and
 * its actions (`comment`, `endorse`), which administrators then gate like any other action
 * (verification handlers apply). Applied once, at registration.
 */
import { z } from "zod";
import type { ComponentManifest } from "../components/define";
import { registerResourceKind } from "./kinds";

export const commentGlobalSettings = {
  commentsMaxLength: z.number().int().min(0).max(100_000).default(0),
  commentEditWindowMinutes: z.number().int().min(0).max(10_080).default(15),
};
export const commentStepSettings = {
  commentsEnabled: z.boolean().default(true),
  commentsBlocked: z.boolean().default(false),
};
export const endorsementStepSettings = {
  endorsementsEnabled: z.boolean().default(true),
  endorsementsBlocked: z.boolean().default(false),
};

/** The kit's settings as read from a component's current settings (defaults when absent). */
export interface KitSettings {
  commentsEnabled: boolean;
  commentsBlocked: boolean;
  commentsMaxLength: number;
  commentEditWindowMinutes: number;
  endorsementsEnabled: boolean;
  endorsementsBlocked: boolean;
}

export function kitSettings(settings: { global: Record<string, unknown>; step: Record<string, unknown> }): KitSettings {
  const g = settings.global;
  const s = settings.step;
  return {
    commentsEnabled: s.commentsEnabled !== false,
    commentsBlocked: s.commentsBlocked === true,
    commentsMaxLength: typeof g.commentsMaxLength === "number" ? g.commentsMaxLength : 0,
    commentEditWindowMinutes: typeof g.commentEditWindowMinutes === "number" ? g.commentEditWindowMinutes : 15,
    endorsementsEnabled: s.endorsementsEnabled !== false,
    endorsementsBlocked: s.endorsementsBlocked === true,
  };
}

/** Registers the manifest's resource kinds and adds the kit's settings, labels and actions to it. */
export function applyParticipationKit(m: ComponentManifest): void {
  const kinds = Object.entries(m.resources ?? {});
  if (kinds.length === 0) return;
  for (const [type, kind] of kinds) registerResourceKind(type, m.name, kind);
  const commentable = kinds.some(([, k]) => k.comments);
  const endorsable = kinds.some(([, k]) => k.endorsements);
  const labels = m.labels as Record<string, string>;
  const actionLabels = m.actionLabels as Record<string, string>;
  const actions = [...m.actions];
  if (commentable) {
    m.settings = m.settings.extend(commentGlobalSettings);
    m.stepSettings = m.stepSettings.extend(commentStepSettings);
    Object.assign(labels, {
      commentsMaxLength: "comments.settings.commentsMaxLength",
      commentEditWindowMinutes: "comments.settings.commentEditWindowMinutes",
      commentsEnabled: "comments.settings.commentsEnabled",
      commentsBlocked: "comments.settings.commentsBlocked",
    });
    if (!actions.includes("comment")) actions.push("comment");
    actionLabels.comment ??= "comments.action.comment";
  }
  if (endorsable) {
    m.stepSettings = m.stepSettings.extend(endorsementStepSettings);
    Object.assign(labels, { endorsementsEnabled: "comments.settings.endorsementsEnabled", endorsementsBlocked: "comments.settings.endorsementsBlocked" });
    if (!actions.includes("endorse")) actions.push("endorse");
    actionLabels.endorse ??= "comments.action.endorse";
  }
  m.actions = actions;
}
