/** Public pages of spaces: the process and assembly lists, a process with its steps, an assembly with its members. */
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../http/context";
import { localize } from "../i18n/translator";
import { getComponentManifest } from "../components/registry";
import { Localized } from "../../web/layout";
import type { SpaceListItem, SpaceTiming } from "./queries";
import { componentPath, spacePath, type AssemblyMemberRecord, type ComponentRecord, type ProcessGroupRecord, type SpaceRecord, type StepRecord } from "./types";
import { stepEnded, todayUtc } from "./steps-by-date";
import { DateRange, formatDate, Hero, MemberName, MembersComposition, Pager, PreviewNotice, RichText, SpaceCard } from "./view-parts";
import { SpaceFollowButton } from "../follows/views";
import type { SnapshotSummary } from "../archive/queries";
import { ArchiveSection } from "../archive/views";

function TimingFilter({ ctx, timing }: { ctx: RequestContext; timing: SpaceTiming | null }) {
  const options: Array<{ value: SpaceTiming | null; label: string }> = [
    { value: null, label: ctx.t("spaces.processes.filter.all") },
    { value: "active", label: ctx.t("spaces.processes.filter.active") },
    { value: "upcoming", label: ctx.t("spaces.processes.filter.upcoming") },
    { value: "past", label: ctx.t("spaces.processes.filter.past") },
  ];
  return (
    <nav class="filter-links" aria-label={ctx.t("spaces.processes.filter.label")}>
      <ul>
        {options.map((o) => (
          <li>
            <a href={o.value ? `/processes?when=${o.value}` : "/processes"} aria-current={o.value === timing ? "page" : undefined}>
              {o.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A list page's place: its page number and whether another follows (20 a page: SPACES_PAGE_SIZE). */
export interface ListPage {
  page: number;
  hasNext: boolean;
}

/** `base` with `?page=N` added to its own query (page 1 is the bare address). */
const pageHref = (base: string) => (page: number) => (page === 1 ? base : `${base}${base.includes("?") ? "&" : "?"}page=${page}`);

export function ProcessesList({ ctx, groups, processes, timing, paging }: { ctx: RequestContext; groups: ProcessGroupRecord[]; processes: SpaceListItem[]; timing: SpaceTiming | null; paging: ListPage }) {
  const byGroup = new Map<number | null, SpaceListItem[]>();
  for (const p of processes) {
    const key = p.groupId !== null && groups.some((g) => g.id === p.groupId) ? p.groupId : null;
    byGroup.set(key, [...(byGroup.get(key) ?? []), p]);
  }
  const ungrouped = byGroup.get(null) ?? [];
  const grouped = groups.filter((g) => (byGroup.get(g.id) ?? []).length > 0);
  return (
    <>
      <h1>{ctx.t("spaces.processes.title")}</h1>
      <TimingFilter ctx={ctx} timing={timing} />
      {processes.length === 0 && <p>{ctx.t(timing || paging.page > 1 ? "spaces.processes.emptyFilter" : "spaces.processes.empty")}</p>}
      {grouped.map((g) => (
        <section class="process-group" aria-labelledby={`group-${g.id}`}>
          <h2 id={`group-${g.id}`}>
            <a href={`/processes/groups/${g.id}`}>{localize(g.title, ctx.locale, ctx.org.defaultLocale).text}</a>
          </h2>
          <Localized ctx={ctx} value={g.description} as="p" />
          <ul class="cards">
            {(byGroup.get(g.id) ?? []).map((p) => (
              <SpaceCard ctx={ctx} space={p} activeStepTitle={p.activeStepTitle} activeStepEndDate={p.activeStepEndDate} />
            ))}
          </ul>
        </section>
      ))}
      {ungrouped.length > 0 && (
        <section aria-labelledby="group-none">
          <h2 id="group-none">{grouped.length > 0 ? ctx.t("spaces.processes.otherProcesses") : ctx.t("spaces.processes.allProcesses")}</h2>
          <ul class="cards">
            {ungrouped.map((p) => (
              <SpaceCard ctx={ctx} space={p} activeStepTitle={p.activeStepTitle} activeStepEndDate={p.activeStepEndDate} />
            ))}
          </ul>
        </section>
      )}
      <Pager ctx={ctx} {...paging} href={pageHref(timing ? `/processes?when=${timing}` : "/processes")} />
    </>
  );
}

/** A process group: its description and its processes. */
export function GroupPage({ ctx, group, processes, paging }: { ctx: RequestContext; group: ProcessGroupRecord; processes: SpaceListItem[]; paging: ListPage }) {
  return (
    <>
      <p>
        <a href="/processes">{ctx.t("spaces.processes.title")}</a>
      </p>
      <Localized ctx={ctx} value={group.title} as="h1" />
      <RichText ctx={ctx} value={group.description} />
      <h2>{ctx.t("common.processes")}</h2>
      {processes.length === 0 ? (
        <p>{ctx.t("spaces.processes.empty")}</p>
      ) : (
        <ul class="cards">
          {processes.map((p) => (
            <SpaceCard ctx={ctx} space={p} activeStepTitle={p.activeStepTitle} activeStepEndDate={p.activeStepEndDate} />
          ))}
        </ul>
      )}
      <Pager ctx={ctx} {...paging} href={pageHref(`/processes/groups/${group.id}`)} />
    </>
  );
}

export function AssembliesList({ ctx, assemblies, paging }: { ctx: RequestContext; assemblies: SpaceListItem[]; paging: ListPage }) {
  return (
    <>
      <h1>{ctx.t("spaces.assemblies.title")}</h1>
      {assemblies.length === 0 ? (
        <p>{ctx.t("spaces.assemblies.empty")}</p>
      ) : (
        <ul class="cards">
          {assemblies.map((a) => (
            <SpaceCard ctx={ctx} space={a} headingLevel={2} />
          ))}
        </ul>
      )}
      <Pager ctx={ctx} {...paging} href={pageHref("/assemblies")} />
    </>
  );
}

function SpaceHeader({ ctx, space, canManage, canModerate = false }: { ctx: RequestContext; space: SpaceRecord; canManage: boolean; canModerate?: boolean }) {
  return (
    <header class="space-header">
      {!space.publishedAt && <PreviewNotice ctx={ctx} />}
      {canManage && (
        <p class="manage-link">
          <a href={`/admin/spaces/${space.id}/edit`}>{ctx.t("spaces.manage")}</a>
        </p>
      )}
      {!canManage && canModerate && (
        <p class="manage-link">
          <a href={`/admin/spaces/${space.id}/moderation`}>{ctx.t("moderation.space.link")}</a>
        </p>
      )}
      <Hero ctx={ctx} space={space} />
      <Localized ctx={ctx} value={space.title} as="h1" />
      <Localized ctx={ctx} value={space.subtitle} as="p" />
      <DateRange ctx={ctx} start={space.startDate} end={space.endDate} />
      <Localized ctx={ctx} value={space.shortDescription} as="p" />
    </header>
  );
}

export function ComponentsNav({ ctx, space, components }: { ctx: RequestContext; space: SpaceRecord; components: ComponentRecord[] }) {
  if (components.length === 0) return null;
  return (
    <nav class="space-components" aria-labelledby="space-components-title">
      <h2 id="space-components-title">{ctx.t("spaces.components.title")}</h2>
      <ul class="cards">
        {components.map((c) => {
          const manifest = getComponentManifest(c.manifest);
          const name = localize(c.name, ctx.locale, ctx.org.defaultLocale);
          return (
            <li class="card">
              <a href={componentPath(space, c.id)} lang={name.missing ? name.locale : undefined}>
                {name.text}
              </a>
              {manifest && <p class="hint">{ctx.t(manifest.label)}</p>}
              {!c.publishedAt && <span class="badge">{ctx.t("spaces.badge.unpublished")}</span>}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function StepsTimeline({ ctx, steps, today, phases = false }: { ctx: RequestContext; steps: StepRecord[]; today: string; phases?: boolean }) {
  if (steps.length === 0) return null;
  return (
    <section class="steps" aria-labelledby="steps-title">
      <h2 id="steps-title">{ctx.t(phases ? "archive.phases.title" : "spaces.steps.title")}</h2>
      <ol class="steps-timeline">
        {steps.map((s) => {
          // The admin has not moved the process on: say that this step is over rather than "current".
          const ended = s.active && stepEnded(s, today);
          return (
            <li class={s.active ? "step step-active" : "step"} aria-current={s.active ? "step" : undefined}>
              <h3>
                <Localized ctx={ctx} value={s.title} />
                {s.active && !ended && <span class="badge">{ctx.t(phases ? "archive.phases.current" : "spaces.steps.active")}</span>}
              </h3>
              {ended && <p class="step-ended">{ctx.t("spaces.steps.endedOn", { date: formatDate(ctx, s.endDate) })}</p>}
              <DateRange ctx={ctx} start={s.startDate} end={s.endDate} />
              <RichText ctx={ctx} value={s.description} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The active step's call to action, as the process's most visible link. */
function StepCallToAction({ ctx, steps }: { ctx: RequestContext; steps: StepRecord[] }) {
  const active = steps.find((s) => s.active);
  if (!active?.ctaPath) return null;
  const text = localize(active.ctaText, ctx.locale, ctx.org.defaultLocale);
  if (!text.text) return null;
  return (
    <p class="step-cta">
      <a class="button button-primary" href={active.ctaPath} lang={text.missing ? text.locale : undefined}>
        {text.text}
      </a>
    </p>
  );
}

export function ProcessPage({
  ctx,
  space,
  steps,
  components,
  canManage,
  canModerate = false,
  following = null,
  snapshots = [],
}: {
  ctx: RequestContext;
  space: SpaceRecord;
  steps: StepRecord[];
  components: ComponentRecord[];
  canManage: boolean;
  canModerate?: boolean;
  following?: boolean | null;
  /** The archive made at the close of each step. */
  snapshots?: SnapshotSummary[];
}) {
  return (
    <article class="space process">
      <SpaceHeader ctx={ctx} space={space} canManage={canManage} canModerate={canModerate} />
      {following !== null && <SpaceFollowButton ctx={ctx} spaceId={space.id} following={following} returnTo={spacePath(space)} />}
      <StepCallToAction ctx={ctx} steps={steps} />
      <ComponentsNav ctx={ctx} space={space} components={components} />
      <StepsTimeline ctx={ctx} steps={steps} today={todayUtc()} />
      {snapshots.length > 0 && <ArchiveSection ctx={ctx} space={space} snapshots={snapshots} />}
      <section aria-labelledby="about-title">
        <h2 id="about-title">{ctx.t("spaces.about")}</h2>
        <RichText ctx={ctx} value={space.description} />
      </section>
    </article>
  );
}

function MemberPosition({ ctx, member }: { ctx: RequestContext; member: AssemblyMemberRecord }) {
  if (member.position === "other") return <Localized ctx={ctx} value={member.positionOther} />;
  return <>{ctx.t(`spaces.members.position.${member.position}`)}</>;
}

/** The members of an assembly; the back office adds an Actions column (`actions`). */
export function MembersTable({ ctx, members, actions }: { ctx: RequestContext; members: AssemblyMemberRecord[]; actions?: (m: AssemblyMemberRecord) => ComponentChildren }) {
  return (
    <table class="members">
      <caption class="visually-hidden">{ctx.t("spaces.members.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t("spaces.members.name")}</th>
          <th scope="col">{ctx.t("spaces.members.positionLabel")}</th>
          <th scope="col">{ctx.t("spaces.members.designationLabel")}</th>
          {actions && <th scope="col">{ctx.t("common.actions")}</th>}
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr>
            <td>
              <MemberName ctx={ctx} member={m} />
              {m.ceasedAt && <span class="hint"> {ctx.t("spaces.members.ceased", { date: formatDate(ctx, m.ceasedAt) })}</span>}
            </td>
            <td>
              <MemberPosition ctx={ctx} member={m} />
            </td>
            <td>{m.designation ? ctx.t(`spaces.members.designation.${m.designation}`) : "—"}</td>
            {actions && <td class="admin-actions">{actions(m)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AssemblyPage({
  ctx,
  space,
  members,
  components,
  children,
  parent,
  canManage,
  canModerate = false,
  following = null,
  phases = [],
  snapshots = [],
}: {
  ctx: RequestContext;
  space: SpaceRecord;
  members: AssemblyMemberRecord[];
  /** Its phases (the steps of the space) and the archive made at the close of each. */
  phases?: StepRecord[];
  snapshots?: SnapshotSummary[];
  components: ComponentRecord[];
  children: SpaceRecord[];
  parent: SpaceRecord | null;
  canManage: boolean;
  /** A moderator without the space's administration reaches its moderation queue. */
  canModerate?: boolean;
  /** Whether the signed-in person follows the space (null: no button). */
  following?: boolean | null;
}) {
  return (
    <article class="space assembly">
      {parent && (
        <nav aria-label={ctx.t("spaces.assembly.breadcrumb")} class="breadcrumb">
          <p>
            {ctx.t("spaces.assembly.partOf")} <a href={spacePath(parent)}>{localize(parent.title, ctx.locale, ctx.org.defaultLocale).text}</a>
          </p>
        </nav>
      )}
      <SpaceHeader ctx={ctx} space={space} canManage={canManage} canModerate={canModerate} />
      {following !== null && <SpaceFollowButton ctx={ctx} spaceId={space.id} following={following} returnTo={spacePath(space)} />}
      <ComponentsNav ctx={ctx} space={space} components={components} />
      {children.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{ctx.t("spaces.assembly.children")}</h2>
          <ul class="cards">
            {children.map((c) => (
              <SpaceCard ctx={ctx} space={c} headingLevel={3} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="purpose-title">
        <h2 id="purpose-title">{ctx.t("spaces.assembly.purpose")}</h2>
        <RichText ctx={ctx} value={space.purpose} />
      </section>
      <section aria-labelledby="composition-title">
        <h2 id="composition-title">{ctx.t("spaces.assembly.composition")}</h2>
        <RichText ctx={ctx} value={space.composition} />
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{ctx.t("spaces.members.title")}</h2>
        <MembersComposition ctx={ctx} members={members} />
        {members.length === 0 ? <p>{ctx.t("spaces.members.empty")}</p> : <MembersTable ctx={ctx} members={members} />}
      </section>
      <StepsTimeline ctx={ctx} steps={phases} today={todayUtc()} phases />
      {(phases.length > 0 || snapshots.length > 0) && <ArchiveSection ctx={ctx} space={space} snapshots={snapshots} />}
      <section aria-labelledby="about-title">
        <h2 id="about-title">{ctx.t("spaces.about")}</h2>
        <RichText ctx={ctx} value={space.description} />
      </section>
    </article>
  );
}
