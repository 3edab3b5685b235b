/** Back-office views of conversations: the list, a conversation's form, its statements (seeds and moderation), a statement's form. */
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { Checkbox, CsrfField, Form, RadioGroup, Submit, TextArea, TextField } from "../../web/ui/forms";
import { STATEMENT_MAX, SEEDS_MAX } from "./admin-inputs";
import { STATEMENTS_PAGE, type AdminConversation, type AdminStatement, type ConversationSummary, type StatementFilter } from "./admin-service";

function text(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}

export function ConversationListPage({ ctx, base, publicBase, componentName, conversations }: { ctx: RequestContext; base: string; publicBase: string; componentName: string; conversations: ConversationSummary[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{componentName}</h1>
      <p class="admin-actions">
        <a class="button" href={`${base}/new`}>
          {t("conversations.admin.new")}
        </a>{" "}
        <a href={publicBase}>{t("conversations.admin.publicPage")}</a>
      </p>
      {conversations.length === 0 ? (
        <p>{t("conversations.admin.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("conversations.admin.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conversations.admin.topic")}</th>
              <th scope="col">{t("conversations.admin.statements")}</th>
              <th scope="col">{t("conversations.admin.pending")}</th>
              <th scope="col">{t("conversations.admin.participants")}</th>
              <th scope="col">{t("conversations.admin.votes")}</th>
              <th scope="col">{t("conversations.admin.status")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {conversations.map((c) => {
              const topic = text(ctx, c.topic);
              const hidden = <span class="visually-hidden"> {topic.text}</span>;
              return (
                <tr>
                  <td lang={topic.lang}>{topic.text}</td>
                  <td>{c.statements}</td>
                  <td>{c.pending}</td>
                  <td>{c.participants}</td>
                  <td>{c.votes}</td>
                  <td>{c.published ? t("conversations.admin.published") : t("conversations.admin.draft")}</td>
                  <td class="admin-actions">
                    <a href={`${base}/${c.id}/statements`}>
                      {t("conversations.admin.moderate")}
                      {hidden}
                    </a>{" "}
                    <a href={`${base}/${c.id}/edit`}>
                      {t("common.edit")}
                      {hidden}
                    </a>{" "}
                    <a href={`${publicBase}/conversations/${c.id}/report`}>
                      {t("conversations.admin.report")}
                      {hidden}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface ConversationValues {
  topic?: Translatable | undefined;
  description?: Translatable | undefined;
  participantStatements?: boolean;
  moderation?: string | undefined;
  strictMode?: boolean;
  anonymousAllowed?: boolean;
  reportPublic?: boolean;
  published?: boolean;
}

export const valuesOf = (c: AdminConversation): ConversationValues => ({ ...c });

export function ConversationForm(props: { ctx: RequestContext; base: string; action: string; heading: string; values: ConversationValues; errors?: FieldErrors | undefined }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={props.base}>{t("conversations.admin.back")}</a>
      </p>
      <h1>{props.heading}</h1>
      <Form ctx={ctx} action={props.action} errors={errors}>
        <TranslatableField ctx={ctx} name="topic" label={t("conversations.admin.topic")} value={values.topic} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("conversations.admin.description")} hint={t("conversations.admin.markdownHint")} value={values.description} errors={errors} multiline rows={5} />
        <fieldset class="field-group">
          <legend>{t("conversations.admin.participation")}</legend>
          <Checkbox ctx={ctx} name="participantStatements" label={t("conversations.admin.participantStatements")} checked={values.participantStatements ?? false} errors={errors} />
          <Checkbox ctx={ctx} name="anonymousAllowed" label={t("conversations.admin.anonymousAllowed")} hint={t("conversations.admin.anonymousAllowed.hint")} checked={values.anonymousAllowed ?? true} errors={errors} />
        </fieldset>
        <RadioGroup
          ctx={ctx}
          name="moderation"
          legend={t("conversations.admin.moderation")}
          options={[
            { value: "post", label: t("conversations.admin.moderation.post") },
            { value: "pre", label: t("conversations.admin.moderation.pre") },
          ]}
          value={values.moderation ?? "post"}
          errors={errors}
        />
        <Checkbox ctx={ctx} name="strictMode" label={t("conversations.admin.strictMode")} hint={t("conversations.admin.strictMode.hint")} checked={values.strictMode ?? false} errors={errors} />
        <Checkbox ctx={ctx} name="reportPublic" label={t("conversations.admin.reportPublic")} hint={t("conversations.admin.reportPublic.hint")} checked={values.reportPublic ?? true} errors={errors} />
        <Checkbox ctx={ctx} name="published" label={t("conversations.admin.publishedField")} checked={values.published ?? false} errors={errors} />
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}

function StateLabel({ ctx, s }: { ctx: RequestContext; s: AdminStatement }) {
  const { t } = ctx;
  return (
    <>
      {t(`conversations.admin.state.${s.state}`)}
      {s.isMeta && <> · {t("conversations.admin.meta")}</>}
      {s.isSeed && <> · {t("conversations.admin.seed")}</>}
    </>
  );
}

export interface StatementsPageProps {
  ctx: RequestContext;
  base: string;
  conversation: AdminConversation;
  filter: StatementFilter;
  page: number;
  rows: AdminStatement[];
  total: number;
  pending: number;
  seeds: string;
  errors?: FieldErrors | undefined;
  /** Administrators add seeds; moderators only moderate. */
  canSeed: boolean;
}

/** The moderation screen: pending statements or all, each with its decisions; and the seed statements' form. */
export function StatementsPage(p: StatementsPageProps) {
  const { ctx } = p;
  const { t } = ctx;
  const url = `${p.base}/${p.conversation.id}/statements`;
  const topic = text(ctx, p.conversation.topic);
  const pages = Math.ceil(p.total / STATEMENTS_PAGE);
  const here = (filter: StatementFilter, page = 0) => `${url}?filter=${filter}${page > 0 ? `&page=${page}` : ""}`;
  return (
    <>
      <p>
        <a href={p.base}>{t("conversations.admin.back")}</a>
      </p>
      <h1>
        {t("conversations.admin.statementsOf")} <span lang={topic.lang}>{topic.text}</span>
      </h1>
      <nav aria-label={t("conversations.admin.filter")}>
        <ul class="tabs">
          <li>
            <a href={here("pending")} aria-current={p.filter === "pending" ? "page" : undefined}>
              {t("conversations.admin.filter.pending", { count: p.pending })}
            </a>
          </li>
          <li>
            <a href={here("all")} aria-current={p.filter === "all" ? "page" : undefined}>
              {t("conversations.admin.filter.all")}
            </a>
          </li>
        </ul>
      </nav>
      {p.rows.length === 0 ? (
        <p>{p.filter === "pending" ? t("conversations.admin.noPending") : t("conversations.admin.noStatement")}</p>
      ) : (
        <table>
          <caption>{p.filter === "pending" ? t("conversations.admin.filter.pending", { count: p.pending }) : t("conversations.admin.filter.all")}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("conversations.admin.statement")}</th>
              <th scope="col">{t("conversations.admin.author")}</th>
              <th scope="col">{t("conversations.admin.status")}</th>
              <th scope="col">{t("conversations.admin.tally")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((s) => {
              const action = `${url}/${s.tid}/moderate`;
              const decision = (d: "accept" | "reject" | "meta" | "unmeta") => (
                <form method="post" action={action} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="decision" value={d} />
                  <input type="hidden" name="back" value={here(p.filter, p.page)} />
                  <button type="submit" class="button button-secondary button-small">
                    {t(`conversations.admin.decision.${d}`)}
                    <span class="visually-hidden"> #{s.tid}</span>
                  </button>
                </form>
              );
              return (
                <tr>
                  <td>{s.tid}</td>
                  <td>{s.text}</td>
                  <td>{s.authorName ?? (s.isSeed ? t("conversations.admin.organizers") : s.authorPid !== null ? t("conversations.admin.participant", { pid: s.authorPid }) : "")}</td>
                  <td>
                    <StateLabel ctx={ctx} s={s} />
                  </td>
                  <td>{t("conversations.admin.tallyValue", { agree: s.agree, disagree: s.disagree, pass: s.pass })}</td>
                  <td class="admin-actions">
                    {s.state !== "accepted" && decision("accept")} {s.state !== "rejected" && decision("reject")} {s.isMeta ? decision("unmeta") : decision("meta")}{" "}
                    {s.isSeed && p.canSeed && (
                      <a href={`${url}/${s.tid}/edit`}>
                        {t("common.edit")}
                        <span class="visually-hidden"> #{s.tid}</span>
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label={t("conversations.admin.pages")}>
          <p>
            {p.page > 0 && <a href={here(p.filter, p.page - 1)}>{t("conversations.admin.previous")}</a>} {t("conversations.admin.pageOf", { page: p.page + 1, pages })}{" "}
            {p.page + 1 < pages && <a href={here(p.filter, p.page + 1)}>{t("conversations.admin.next")}</a>}
          </p>
        </nav>
      )}
      {p.canSeed && (
        <section aria-labelledby="seed-heading">
          <h2 id="seed-heading">{t("conversations.admin.seeds")}</h2>
          <Form ctx={ctx} action={`${url}/new`} errors={p.errors}>
            <TextArea ctx={ctx} name="statements" label={t("conversations.admin.seeds.field")} hint={t("conversations.admin.seeds.hint", { max: STATEMENT_MAX, count: SEEDS_MAX })} value={p.seeds} errors={p.errors} rows={8} />
            <Submit>{t("conversations.admin.seeds.add")}</Submit>
          </Form>
        </section>
      )}
    </>
  );
}

export function StatementForm({ ctx, back, action, tid, value, errors }: { ctx: RequestContext; back: string; action: string; tid: number; value: string; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const heading = t("conversations.admin.statement.edit", { tid });
  return (
    <>
      <p>
        <a href={back}>{t("conversations.admin.backToStatements")}</a>
      </p>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="text" label={t("conversations.admin.statement")} hint={t("conversations.admin.statement.hint", { max: STATEMENT_MAX })} value={value} errors={errors} required />
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}
