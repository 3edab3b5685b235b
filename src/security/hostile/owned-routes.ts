/**
 * The state-changing routes that act only on one person's own object (a draft, a comment, an
 * amendment, an annotation, a co-authorship) or on a link's token (a seat invitation, an unsubscribe
 * link). The browser test's crawl (tests/e2e/hostile-inputs.e2e.ts) cannot reach them with a real
 * object: they answer 404 to everyone else. owned-routes.int.test.ts builds each object as its owner
 * would and sends the whole corpus there; the browser test fails on a route answered 404 that is not
 * in this list, so a new such route is either covered here or reached by a form.
 */
export const OWNED_ROUTES: readonly string[] = [
  "POST /petitions/:id/edit",
  "POST /sortition/seats/:token",
  "POST /newsletter/unsubscribe/:token",
  "POST /comments/:id/edit",
  "POST /coauthorships/:type/:id/invite",
  "POST /coauthorships/:type/:id/respond",
  "POST /coauthorships/:type/:id/withdraw",
  "POST /coauthorships/:type/:id/leave",
  "POST /admin/moderation/hide",
  "POST /spaces/:slug/c/:componentId/:proposalId/publish",
  "POST /spaces/:slug/c/:componentId/:proposalId/discard",
  "POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/edit",
  "POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/publish",
  "POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/discard",
  "POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/promote",
  "POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/withdraw",
  "POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/accept",
  "POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/reject",
  "POST /spaces/:slug/c/:componentId/:debateId/edit",
  "POST /spaces/:slug/c/:componentId/:debateId/close",
  "POST /spaces/:slug/c/:componentId/texts/:textId/blocks/:blockId/annotations/:annotationId/delete",
];
