/**
 * What posting a comment tells people: the kit event "commented" (through the outbox, fanned out by the
 * relay to the resource's followers and authors, the people mentioned and the author of the comment
 * replied to), and a live event for the pages open on the discussion.
 */
import { defineKitEvent } from "../notifications/outbox";
import type { ResourceRef } from "../resources/kinds";

defineKitEvent("commented", { to: ["followers", "authors", "mentioned", "parentAuthor"], message: "comments.notification.commented" });

/** The live topic of a resource's discussion; its events are `{ id }` of a new comment. */
export const commentsTopic = (ref: ResourceRef): string => `comments:${ref.type}:${ref.id}`;
