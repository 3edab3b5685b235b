/** Addresses that notices and digests link to (site-relative; mails prefix PUBLIC_URL). */
import type { ResourceRef } from "../resources/kinds";

/** The confirmation page that stops following a resource (a GET shows a form; only its POST changes anything). */
export const unfollowPath = (ref: ResourceRef): string => `/follows/unfollow?type=${encodeURIComponent(ref.type)}&id=${ref.id}`;

/** Where a person chooses how often they are mailed. */
export const PREFERENCES_PATH = "/account#notifications";
