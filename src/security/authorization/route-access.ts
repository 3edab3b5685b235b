/**
 * Who may do what: the authorization table the matrix test (authorization-matrix.int.test.ts) holds
 * every registered route to. Written as rules over route patterns (the first that matches wins), from the
 * most specific exception to the broad rules, each with the reason a reviewer needs. A route no rule
 * covers fails the test, naming it, so a new route cannot arrive without someone deciding who may call it.
 *
 * The fixture the table speaks of: every space of the demo is private (not a transparent assembly); the
 * "member" is a private user of each space, the "moderator" and the "space admin" hold that role in each,
 * the "organization admin" holds the organization flag and no space role, the "participant" is a
 * confirmed account with nothing to do with any space. Objects that belong to someone (a notification,
 * a draft, a ballot) belong to the demo's people, never to one of these six: those routes are marked
 * `owner` and the IDOR test (idor.int.test.ts) tries them between two participants.
 */

export const ROLES = ["anonymous", "participant", "member", "moderator", "spaceAdmin", "orgAdmin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a request may come back with, by class: `ok` (2xx, or a 3xx that is not to sign-in: let in, even
 * when the answer is a form error), `signIn` (a redirect to sign in, or 401), `forbidden` (403), `hidden`
 * (404: what is private is not revealed).
 */
export type Outcome = "ok" | "signIn" | "forbidden" | "hidden";

export type Expectation = Record<Role, Outcome>;

export interface AccessRule {
  /** `METHOD /pattern` (METHOD may be `*`); in the pattern `*` is one path segment, `**` any rest (or nothing). */
  match: string;
  expect: Expectation;
  /** Why these outcomes: what a reviewer checks the rule against. */
  why: string;
  /** The route acts on an object of one person (IDOR candidates): another person must be refused. */
  owner?: string;
}

/** The public base of a component's routes and its back-office base (as in route-registry.ts). */
export const PUB = "/spaces/:slug/c/:componentId";
export const ADM = "/admin/spaces/:id/components/:componentId/manage";

const profile = (anonymous: Outcome, participant: Outcome, member: Outcome, moderator: Outcome, spaceAdmin: Outcome, orgAdmin: Outcome): Expectation => ({ anonymous, participant, member, moderator, spaceAdmin, orgAdmin });

/** Anyone, signed in or not. */
export const EVERYONE = profile("ok", "ok", "ok", "ok", "ok", "ok");
/** Any signed-in person; a visitor is sent to sign in. */
export const SIGNED_IN = profile("signIn", "ok", "ok", "ok", "ok", "ok");
/** The organization's administrators only. */
export const ORG_ADMIN = profile("signIn", "forbidden", "forbidden", "forbidden", "forbidden", "ok");
/** A space's back office: its admins and the organization's. */
export const SPACE_ADMIN = profile("signIn", "forbidden", "forbidden", "forbidden", "ok", "ok");
/** A back-office page a space moderator shares with the space's admins (a component admin route with `roles: ["moderator"]`). */
export const SPACE_MODERATOR = profile("signIn", "forbidden", "forbidden", "ok", "ok", "ok");
/** A page of a private space: its members, role holders and organization admins; for others it does not exist. */
export const PRIVATE_PAGE = profile("hidden", "hidden", "ok", "ok", "ok", "ok");
/** An action in a private space that the component's current step does not open to participants: role holders preview, nobody acts. */
export const PRIVATE_CLOSED = profile("hidden", "hidden", "forbidden", "forbidden", "forbidden", "forbidden");
/** Someone else's object in a private space: hidden outside it, refused inside it. */
export const PRIVATE_OTHERS = profile("hidden", "hidden", "forbidden", "forbidden", "forbidden", "forbidden");
/** A thing nobody of the six may reach (someone else's, or behind a token they do not hold). */
export const NOBODY_HIDDEN = profile("hidden", "hidden", "hidden", "hidden", "hidden", "hidden");
/** Signed-in people only, and the object is someone else's: not revealed. */
export const SIGNED_IN_NOT_THEIRS = profile("signIn", "hidden", "hidden", "hidden", "hidden", "hidden");

export const ACCESS_RULES: AccessRule[] = [
  // ---- Explicit exceptions (most specific first) ----

  // ---- Broad rules ----
  { match: "GET /notifications/:id/open", expect: SIGNED_IN_NOT_THEIRS, why: "A notification is its recipient's alone; another's id is not revealed.", owner: "notification" },
  { match: "* /coauthorships/**", expect: PRIVATE_OTHERS, why: "Co-authorship of a draft or contribution: its authors and invited people only.", owner: "coauthorship" },
  { match: "GET /comments/:id/edit", expect: PRIVATE_OTHERS, why: "Editing a comment: its author only.", owner: "comment" },
  { match: "POST /comments/:id/edit", expect: PRIVATE_OTHERS, why: "Editing a comment: its author only.", owner: "comment" },
  { match: "POST /comments/:id/delete", expect: PRIVATE_OTHERS, why: "Deleting a comment: its author only.", owner: "comment" },
  { match: "* /comments/**", expect: PRIVATE_PAGE, why: "A comment lives in its space: private space, members and role holders." },
  { match: "POST /comments", expect: SIGNED_IN, why: "Commenting: signed-in people (the target's space then decides)." },
  { match: "* /endorsements/**", expect: PRIVATE_PAGE, why: "Endorsements of a contribution in a private space." },
  { match: "POST /endorsements", expect: SIGNED_IN, why: "Endorsing: signed-in people (the target's space then decides)." },
  { match: "* /follows/**", expect: SIGNED_IN, why: "One's own follows." },
  { match: "POST /follows", expect: SIGNED_IN, why: "One's own follows." },
  { match: "* /notifications/**", expect: SIGNED_IN, why: "One's own notifications." },
  { match: "GET /notifications", expect: SIGNED_IN, why: "One's own notifications." },
  { match: "* /reports/**", expect: SIGNED_IN, why: "Reporting content: signed-in people." },
  { match: "POST /reports", expect: SIGNED_IN, why: "Reporting content: signed-in people." },
  { match: "* /verifications/**", expect: SIGNED_IN, why: "One's own verifications." },
  { match: "GET /verifications", expect: SIGNED_IN, why: "One's own verifications." },
  { match: "GET /petitions/mine", expect: SIGNED_IN, why: "One's own petitions." },
  { match: "* /petitions/new", expect: SIGNED_IN, why: "Starting a petition: signed-in people." },
  { match: "* /petitions/:id/*/:token", expect: NOBODY_HIDDEN, why: "A mailed link: the token is the authorization; a wrong one is not revealed." },
  { match: "* /petitions/:id/**", expect: PRIVATE_PAGE, why: "A petition in a private space." },
  { match: "GET /petitions/:id", expect: PRIVATE_PAGE, why: "A petition in a private space." },
  { match: "* /sortition/seats/:token", expect: NOBODY_HIDDEN, why: "A seat invitation: the token is the authorization." },
  { match: "* /newsletter/unsubscribe/:token", expect: NOBODY_HIDDEN, why: "An unsubscribe link: the token is the authorization." },
  { match: "GET /api/**", expect: EVERYONE, why: "The public API: lists and documents of public content." },
  { match: "GET /conversations/**", expect: NOBODY_HIDDEN, why: "Exports and embeds serve public conversations only; these are in private spaces." },
  { match: "POST /conversations/**", expect: NOBODY_HIDDEN, why: "Embedded voting serves public conversations only." },
  { match: "GET /assemblies/:slug", expect: PRIVATE_PAGE, why: "A private assembly's page." },
  { match: "GET /processes/:slug", expect: PRIVATE_PAGE, why: "A private process's page." },
  { match: "* /users/**", expect: EVERYONE, why: "Signing in, up, out, confirming and resetting: open to anyone." },
  { match: "GET /open-data/**", expect: EVERYONE, why: "Open data: public content only, to anyone." },
  { match: "GET /attachments/:name", expect: PRIVATE_PAGE, why: "An attachment of a private space's content." },
  { match: "GET /uploads/:name", expect: EVERYONE, why: "A space's hero image: public files." },
  { match: "GET /assets/**", expect: EVERYONE, why: "Static assets." },
  { match: "GET /locale/:locale", expect: EVERYONE, why: "Choosing one's language." },
  { match: "GET /processes/groups/:id", expect: EVERYONE, why: "A process group's page (its private processes are not listed)." },
  ...["/", "/favicon.ico", "/healthz", "/terms", "/embed.js", "/search", "/assemblies", "/processes", "/meetings", "/meetings.ics", "/petitions", "/petitions.csv", "/open-data"].map((path): AccessRule => ({ match: `GET ${path}`, expect: EVERYONE, why: "A public page or feed: anyone (private spaces' content is left out)." })),
  { match: "* /admin/spaces/:id/components/:componentId/manage/**", expect: SPACE_ADMIN, why: "A component's back office: the space's admins and the organization's; a route declaring `roles` also lets those roles in (see componentAdminExpectation)." },
  { match: "* /admin/spaces/:id/**", expect: SPACE_ADMIN, why: "A space's back office: its admins and the organization's admins." },
  { match: "* /admin/spaces/:spaceId/**", expect: SPACE_ADMIN, why: "A space's back office: its admins and the organization's admins." },
  { match: "* /admin/**", expect: ORG_ADMIN, why: "The organization's back office." },
  { match: "* /account/**", expect: SIGNED_IN, why: "One's own account: any signed-in person, about themself." },
  { match: `* ${PUB}/**`, expect: PRIVATE_PAGE, why: "A component's public pages in a private space: its members, role holders and organization admins." },
  { match: "GET /spaces/:slug/**", expect: PRIVATE_PAGE, why: "A private space's own pages." },
];

/**
 * Exceptions to the broad rules, route by route: the broad rule's outcomes except those named, each
 * with its reason. Reviewed one by one (wave 9): none lets a role in that the product does not mean to.
 */
export interface AccessException {
  match: string;
  /** Only this component's route (several manifests declare the same path, e.g. `/new`). */
  component?: string;
  /** The route acts on one person's object (see AccessRule.owner). */
  owner?: string;
  differs: Partial<Expectation>;
  why: string;
}

export const EXCEPTIONS: AccessException[] = [
  { match: `GET /account/email/confirm`, differs: { anonymous: "ok" }, why: "A mailed link: the token is the authorization; without one, a form error." },
  { match: `GET /admin/appearance/spaces/:spaceId`, differs: { spaceAdmin: "ok" }, why: "Space admins manage their own space's appearance and census (requireSpaceAdmin on that space)." },
  { match: `GET /admin/census/:spaceId`, differs: { spaceAdmin: "ok" }, why: "Space admins manage their own space's appearance and census (requireSpaceAdmin on that space)." },
  { match: `GET /admin/moderation`, differs: { moderator: "ok", spaceAdmin: "ok" }, why: "Moderation: a space's moderators and admins see and act on the reports of the spaces they moderate (moderatedSpaceIds), the organization admins on all." },
  { match: `GET /admin/moderation/:id/title`, differs: { moderator: "ok", spaceAdmin: "ok" }, why: "Moderation: a space's moderators and admins see and act on the reports of the spaces they moderate (moderatedSpaceIds), the organization admins on all." },
  { match: `GET /admin/petitions/:id`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `GET /admin/petitions/:id/signatures.csv`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `GET /admin/petitions/types/new`, differs: { orgAdmin: "hidden" }, why: "Acts on the object the form names; an empty form names none (404 for everyone allowed in; refusals come first)." },
  { match: `POST /admin/spaces/:id/components/:componentId/delete`, differs: { spaceAdmin: "forbidden", orgAdmin: "forbidden" }, why: "The component tried is published: it must be unpublished before it can go (403 with the confirmation page, to both admins)." },
  { match: `GET /admin/spaces/:id/components/:componentId`, differs: { anonymous: "ok", member: "ok", moderator: "ok", participant: "ok" }, why: "Redirects to the edit page, which then decides." },
  { match: `GET /admin/spaces/:id`, differs: { anonymous: "ok", member: "ok", moderator: "ok", participant: "ok" }, why: "Redirects to the edit page, which then decides." },
  { match: `GET ${ADM}/:textId/versions/:number`, differs: { orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "The object is not in a state where it can be shown here (a state in use, a published version): 404 to those let in." },
  { match: `GET ${ADM}/states/:stateId/delete`, differs: { orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "The object is not in a state where it can be shown here (a state in use, a published version): 404 to those let in." },
  { match: `GET /admin/spaces/:id/delete`, differs: { spaceAdmin: "forbidden" }, why: "Deleting a space: organization admins only, not the space's own admins." },
  { match: `GET /admin/spaces/:id/members`, differs: { orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Assembly members: only assemblies have them; the space chosen is a process (404 to those let in)." },
  { match: `GET /admin/spaces/:id/members/new`, differs: { orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Assembly members: only assemblies have them; the space chosen is a process (404 to those let in)." },
  { match: `GET /admin/spaces/:spaceId/moderation`, differs: { moderator: "ok" }, why: "A space's moderation queue: its moderators too." },
  { match: `GET /api/budgets/:budgetId/results`, differs: { anonymous: "hidden", member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "The public API and open data serve public spaces only: every space here is private." },
  { match: `GET /api/debates/:id`, differs: { anonymous: "hidden", member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "The public API and open data serve public spaces only: every space here is private." },
  { match: `GET /api/petitions/:id`, differs: { anonymous: "hidden", member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "The public API and open data serve public spaces only: every space here is private." },
  { match: `GET /api/proposals/:id`, differs: { anonymous: "hidden", member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "The public API and open data serve public spaces only: every space here is private." },
  { match: `GET /api/results/:id`, differs: { anonymous: "hidden", member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "The public API and open data serve public spaces only: every space here is private." },
  { match: `GET /coauthorships/:type/:id`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `GET /comments/:id/edit`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `GET /follows/unfollow`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "Acts on the object the form or query names; an empty one names none (404 after the sign-in check)." },
  { match: `GET /open-data/budgets/:file`, differs: { anonymous: "hidden", member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "The public API and open data serve public spaces only: every space here is private." },
  { match: `GET /petitions/:id`, differs: { member: "hidden", moderator: "hidden" }, why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `GET /petitions/:id/confirm/:token`, differs: { anonymous: "ok", member: "ok", moderator: "ok", orgAdmin: "ok", participant: "ok", spaceAdmin: "ok" }, why: "A mailed link: the token is checked by the handler (a wrong one gets an error page or a form error, nothing of the petition's data)." },
  { match: `GET /petitions/:id/cosponsor/:token`, differs: { anonymous: "signIn" }, why: "A mailed link: the token is checked by the handler (a wrong one gets an error page or a form error, nothing of the petition's data)." },
  { match: `GET /petitions/:id/edit`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "petition draft", why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `GET /petitions/:id/events`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `GET /petitions/:id/withdraw/:token`, differs: { anonymous: "ok", member: "ok", moderator: "ok", orgAdmin: "ok", participant: "ok", spaceAdmin: "ok" }, why: "A mailed link: the token is checked by the handler (a wrong one gets an error page or a form error, nothing of the petition's data)." },
  { match: `GET /reports/new`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "Acts on the object the form or query names; an empty one names none (404 after the sign-in check)." },
  { match: `GET ${PUB}/:debateId/close`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "debate", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/:debateId/edit`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "debate", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/:petitionId`, differs: { member: "hidden", moderator: "hidden" }, why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but admins." },
  { match: `GET ${PUB}/:proposalId/amend`, differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/:proposalId/amendments/:amendmentId/edit`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "amendment draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/:proposalId/amendments/:amendmentId/reject`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/:proposalId/discard`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "proposal draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/:proposalId/edit`, differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, owner: "proposal draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/:proposalId/withdraw`, differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, owner: "proposal draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/budgets/:budgetId/results`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Budget results are shown once published: none is, here." },
  { match: `GET ${PUB}/new`, component: "proposals", differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `GET ${PUB}/texts/:textId/versions/:number/changes`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "A text's moderation actions (decide, adoption, archive) belong to its space's admins; others do not see them." },
  { match: `GET /spaces/:slug/meetings.ics`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "The calendar feed lists public spaces' meetings only." },
  { match: `POST /admin/appearance/spaces/:spaceId`, differs: { spaceAdmin: "ok" }, why: "Space admins manage their own space's appearance and census (requireSpaceAdmin on that space)." },
  { match: `POST /admin/census/:spaceId`, differs: { spaceAdmin: "ok" }, why: "Space admins manage their own space's appearance and census (requireSpaceAdmin on that space)." },
  { match: `POST /admin/moderation/:id/hide`, differs: { moderator: "ok", spaceAdmin: "ok" }, why: "Moderation: a space's moderators and admins see and act on the reports of the spaces they moderate (moderatedSpaceIds), the organization admins on all." },
  { match: `POST /admin/moderation/:id/keep`, differs: { moderator: "ok", spaceAdmin: "ok" }, why: "Moderation: a space's moderators and admins see and act on the reports of the spaces they moderate (moderatedSpaceIds), the organization admins on all." },
  { match: `POST /admin/moderation/:id/title`, differs: { moderator: "ok", spaceAdmin: "ok" }, why: "Moderation: a space's moderators and admins see and act on the reports of the spaces they moderate (moderatedSpaceIds), the organization admins on all." },
  { match: `POST /admin/moderation/:id/unhide`, differs: { moderator: "ok", spaceAdmin: "ok" }, why: "Moderation: a space's moderators and admins see and act on the reports of the spaces they moderate (moderatedSpaceIds), the organization admins on all." },
  { match: `POST /admin/moderation/hide`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "Acts on the object the form names; an empty form names none (404 for everyone allowed in; refusals come first)." },
  { match: `POST /admin/petitions/:id/assess/:criterion`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/:id/decision/accept`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/:id/decision/refuse`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/:id/follow-up`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/:id/follow-up/report`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/:id/notes`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/:id/paper`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/:id/transition`, differs: { spaceAdmin: "ok" }, why: "A petition's file: the petition space's admins and evaluators (space.evaluate), and the organization admins." },
  { match: `POST /admin/petitions/types/new`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "Acts on the object the form names; an empty form names none (404 for everyone allowed in; refusals come first)." },
  { match: `POST /admin/spaces/:id/delete`, differs: { spaceAdmin: "forbidden" }, why: "Deleting a space: organization admins only, not the space's own admins." },
  { match: `POST /admin/spaces/:id/members/new`, differs: { orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Assembly members: only assemblies have them; the space chosen is a process (404 to those let in)." },
  { match: `POST /coauthorships/:type/:id/invite`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `POST /coauthorships/:type/:id/leave`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `POST /coauthorships/:type/:id/respond`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `POST /coauthorships/:type/:id/withdraw`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `POST /comments`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Acts on a target named in the form or an object of a private space; an empty form or someone else's object is not found." },
  { match: `POST /comments/:id/delete`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `POST /comments/:id/edit`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Another person's object: sign in first, then it is not revealed to anyone but its authors." },
  { match: `POST /comments/:id/vote`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Acts on a target named in the form or an object of a private space; an empty form or someone else's object is not found." },
  { match: `POST /endorsements`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Acts on a target named in the form or an object of a private space; an empty form or someone else's object is not found." },
  { match: `POST /follows`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "Acts on the object the form or query names; an empty one names none (404 after the sign-in check)." },
  { match: `POST /petitions/:id/author-transition`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "petition draft", why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `POST /petitions/:id/cosponsor/:token`, differs: { anonymous: "signIn", member: "ok", moderator: "ok", orgAdmin: "ok", participant: "ok", spaceAdmin: "ok" }, why: "A mailed link: the token is checked by the handler (a wrong one gets an error page or a form error, nothing of the petition's data)." },
  { match: `POST /petitions/:id/edit`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "petition draft", why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `POST /petitions/:id/follow`, differs: { anonymous: "signIn" }, why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `POST /petitions/:id/sign`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `POST /petitions/:id/unsign`, differs: { anonymous: "signIn", member: "hidden", moderator: "hidden" }, owner: "signature", why: "Petitions are public by nature: pages of a petition in a private space are shown to no one but the organization and space admins; its author's pages are the author's (sign in first)." },
  { match: `POST /petitions/:id/withdraw/:token`, differs: { anonymous: "ok", member: "ok", moderator: "ok", orgAdmin: "ok", participant: "ok", spaceAdmin: "ok" }, why: "A mailed link: the token is checked by the handler (a wrong one gets an error page or a form error, nothing of the petition's data)." },
  { match: `POST /reports`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "Acts on the object the form or query names; an empty one names none (404 after the sign-in check)." },
  { match: `POST ${PUB}/:debateId/close`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "debate", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:debateId/edit`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "debate", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/amend`, differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/amendments/:amendmentId/discard`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "amendment draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/amendments/:amendmentId/edit`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "amendment draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/amendments/:amendmentId/promote`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "amendment draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/amendments/:amendmentId/publish`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "amendment draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/discard`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "proposal draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/edit`, differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, owner: "proposal draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/publish`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "proposal draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/:proposalId/withdraw`, differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, owner: "proposal draft", why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/new`, component: "proposals", differs: { member: "forbidden", moderator: "forbidden", orgAdmin: "forbidden", spaceAdmin: "forbidden" }, why: "Someone else's object, or an action the component's current step does not open: refused (403) or not revealed (404) to everyone." },
  { match: `POST ${PUB}/texts/:textId/adoption/close`, differs: { member: "hidden", moderator: "hidden" }, why: "A text's moderation actions (decide, adoption, archive) belong to its space's admins; others do not see them." },
  { match: `POST ${PUB}/texts/:textId/adoption/open`, differs: { member: "hidden", moderator: "hidden" }, why: "A text's moderation actions (decide, adoption, archive) belong to its space's admins; others do not see them." },
  { match: `POST ${PUB}/texts/:textId/amendments/:amendmentId/decide`, differs: { member: "hidden", moderator: "hidden" }, why: "A text's moderation actions (decide, adoption, archive) belong to its space's admins; others do not see them." },
  { match: `POST ${PUB}/texts/:textId/archive`, differs: { member: "hidden", moderator: "hidden" }, why: "A text's moderation actions (decide, adoption, archive) belong to its space's admins; others do not see them." },
  { match: `POST ${PUB}/texts/:textId/blocks/:blockId/annotations/:annotationId/delete`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", spaceAdmin: "hidden" }, owner: "annotation", why: "A text's moderation actions (decide, adoption, archive) belong to its space's admins; others do not see them." },
  { match: `POST /verifications/census`, differs: { member: "hidden", moderator: "hidden", orgAdmin: "hidden", participant: "hidden", spaceAdmin: "hidden" }, why: "Acts on the object the form or query names; an empty one names none (404 after the sign-in check)." },
];

/**
 * Routes whose object the demo has none of (no upload, attachment, archive snapshot, sortition
 * registration, letter batch or paper batch): requested with an id that does not exist, so those let in
 * get a 404 and the others their usual refusal. Their access check runs before the lookup, which is
 * what this proves; the success path is not proven here (listed in the wave 9 report).
 */
export const NO_FIXTURE: Record<string, Outcome> = {
  "GET /uploads/:name": "hidden",
  "GET /attachments/:name": "hidden",
  "GET /spaces/:slug/archive/:snapshotId": "hidden",
  "GET /spaces/:slug/archive/:snapshotId/:partId": "hidden",
  [`GET ${PUB}/texts/:textId/archive/:snapshotId`]: "hidden",
  [`GET ${ADM}/recruitments/:recruitmentId/letters/:file`]: "hidden",
  // These answer an unknown id with the list page and a message (a 303), as for a batch already decided.
  [`POST ${ADM}/recruitments/:recruitmentId/duplicates/:registrationId/keep`]: "ok",
  [`POST ${ADM}/recruitments/:recruitmentId/duplicates/:registrationId/mark`]: "ok",
  [`POST ${ADM}/paper/batches/:batch/confirm`]: "ok",
  [`POST ${ADM}/paper/batches/:batch/reject`]: "ok",
};

/** Does the pattern `METHOD /a/*\/**` match this route? */
export function matches(rule: string, method: string, url: string): boolean {
  const space = rule.indexOf(" ");
  const m = rule.slice(0, space);
  if (m !== "*" && m !== method) return false;
  const pattern = rule.slice(space + 1).split("/");
  const path = url.split("/");
  const walk = (i: number, j: number): boolean => {
    if (i === pattern.length) return j === path.length;
    if (pattern[i] === "**") return i === pattern.length - 1 || Array.from({ length: path.length - j + 1 }, (_, k) => j + k).some((k) => walk(i + 1, k));
    if (j === path.length) return false;
    return (pattern[i] === "*" || pattern[i] === path[j]) && walk(i + 1, j + 1);
  };
  return walk(0, 0);
}

/** A route as the registry lists it (method, pattern, declared config). */
export interface RouteLike {
  method: string;
  component?: string;
  url: string;
  config: Record<string, unknown>;
}

/**
 * The rule for a route, or undefined when none covers it (the test then fails naming the route). A
 * component admin route that declares `roles` lets those space roles in on top of the space's admins.
 */
export function ruleFor(route: RouteLike): AccessRule | undefined {
  const broad = ACCESS_RULES.find((r) => matches(r.match, route.method, route.url));
  if (!broad) return undefined;
  const exception = EXCEPTIONS.find((e) => matches(e.match, route.method, route.url) && (!e.component || e.component === route.component));
  let rule: AccessRule = exception ? { ...broad, expect: { ...broad.expect, ...exception.differs }, why: `${broad.why} Except: ${exception.why}`, ...(exception.owner ? { owner: exception.owner } : {}) } : broad;
  const letIn = NO_FIXTURE[`${route.method} ${route.url}`];
  if (letIn) {
    const expect = Object.fromEntries(ROLES.map((r) => [r, rule.expect[r] === "ok" ? letIn : rule.expect[r]])) as Expectation;
    rule = { ...rule, expect, why: `${rule.why} (No such object in the fixture: those let in get a 404.)` };
  }
  const roles = Array.isArray(route.config.roles) ? (route.config.roles as string[]) : [];
  if (broad.expect === SPACE_ADMIN && route.url.startsWith(ADM) && roles.includes("moderator") && rule.expect.moderator === "forbidden") {
    return { ...rule, expect: { ...rule.expect, moderator: "ok" }, why: `${rule.why} This route declares roles ${JSON.stringify(roles)}.` };
  }
  return rule;
}
