/**
 * The proposals component's settings: global ones (limits, lengths, the edit window, the body
 * template) and per step (what participants may do in this stage of the process). Zero means "no
 * limit" for every limit. Kept apart from the manifest so services parse them without the routes.
 */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";

export const SORTS = ["random", "recent", "most_supported", "most_commented", "most_followed"] as const;
export type Sort = (typeof SORTS)[number];
export const AMENDMENTS_VISIBILITY = ["all", "participants"] as const;

export const proposalSettings = z.object({
  /** Supports one person may give in this component. */
  supportLimit: z.number().int().min(0).max(10_000).default(0),
  /** A person's supports stay provisional (not counted) until they have given this many. */
  minimumSupportsPerPerson: z.number().int().min(0).max(10_000).default(0),
  /** Supports a proposal needs; with `canExceedThreshold` off, no more are taken once it has them. */
  thresholdPerProposal: z.number().int().min(0).max(10_000_000).default(0),
  canExceedThreshold: z.boolean().default(false),
  /** Published proposals (not withdrawn) one person may have in this component. */
  proposalLimit: z.number().int().min(0).max(1_000).default(0),
  titleMaxLength: z.number().int().min(15).max(300).default(150),
  bodyMaxLength: z.number().int().min(50).max(50_000).default(1_000),
  /** Minutes after publishing during which the author may still edit (0: until it is answered). */
  editWindowMinutes: z.number().int().min(0).max(525_600).default(5),
  /** What the body field holds when a participant starts writing. */
  bodyTemplate: translatable({ max: 5_000 }),
  /** The organization may publish proposals of its own from the back office. */
  officialProposalsEnabled: z.boolean().default(true),
  /** Participants may amend others' proposals (the steps then say when: amendments/rules.ts). */
  amendmentsEnabled: z.boolean().default(false),
  /** Images and PDF documents one proposal may hold (0: none; the kind takes at most 10). */
  attachmentsMax: z.number().int().min(0).max(10).default(3),
});
export type ProposalSettings = z.infer<typeof proposalSettings>;

export const proposalStepSettings = z.object({
  announcement: translatable({ max: 2_000 }),
  creationEnabled: z.boolean().default(false),
  supportsEnabled: z.boolean().default(false),
  /** Supports are shown but no longer taken or withdrawn (the count is final for this step). */
  supportsBlocked: z.boolean().default(false),
  /** The counts of supports stay hidden in this step (they are still taken). */
  supportCountsHidden: z.boolean().default(false),
  /** An answer saved in this step is public at once; otherwise an administrator publishes answers. */
  answersPublishedImmediately: z.boolean().default(true),
  /** An accepted proposal's answer must give its cost and execution period. */
  answersWithCosts: z.boolean().default(false),
  defaultSort: z.enum(SORTS).default("random"),
  /** Amendments (with `amendmentsEnabled`): written, reacted to by the authors, promoted once rejected. */
  amendmentCreationEnabled: z.boolean().default(false),
  amendmentReactionEnabled: z.boolean().default(false),
  amendmentPromotionEnabled: z.boolean().default(false),
  /** Who sees amendments: everyone, or only their amender (with the proposal's authors and the staff). */
  amendmentsVisibility: z.enum(AMENDMENTS_VISIBILITY).default("all"),
});
export type ProposalStepSettings = z.infer<typeof proposalStepSettings>;

export interface ProposalsSettings {
  global: ProposalSettings;
  step: ProposalStepSettings;
}

