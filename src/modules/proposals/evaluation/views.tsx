/** Back-office views of evaluation: an evaluator's list, a proposal's evaluators and private notes, the bulk assignment controls. */
import type { RequestContext } from "../../../core/http/context";
import type { FieldErrors } from "../../../core/http/result";
import { Pager } from "../../../core/spaces/view-parts";
import { Form, Select, Submit, TextArea } from "../../../web/ui/forms";
import type { ProposalState } from "../states";
import { formatDate, Paragraphs, StateBadge, StateStyles, text } from "../view-parts";
import type { AssignedRow, Note, Person } from "./service";

export function EvaluatorListPage({ ctx, base, componentName, rows, hasNext, page, states }: { ctx: RequestContext; base: string; componentName: string; rows: AssignedRow[]; hasNext: boolean; page: number; states: ProposalState[] }) {
  const { t } = ctx;
  const byId = new Map(states.map((s) => [s.id, s]));
  return (
    <>
      <StateStyles ctx={ctx} states={states} />
      <h1>{t("proposals.evaluation.title", { name: componentName })}</h1>
      <p>{t("proposals.evaluation.intro")}</p>
      {rows.length === 0 ? (
        <p>{t("proposals.evaluation.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("proposals.evaluation.title", { name: componentName })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("proposals.form.title")}</th>
              <th scope="col">{t("proposals.admin.state")}</th>
              <th scope="col">{t("proposals.evaluation.notesTitle")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const title = text(ctx, r.title);
              const state = r.stateId === null ? undefined : byId.get(r.stateId);
              return (
                <tr>
                  <td>{r.id}</td>
                  <td>
                    <a href={`${base}/evaluation/${r.id}`} lang={title.lang}>
                      {title.text}
                    </a>
                    {r.withdrawn && ` · ${t("proposals.withdrawnBadge")}`}
                  </td>
                  <td>
                    {state ? <StateBadge ctx={ctx} state={state} /> : t("proposals.admin.notAnswered")}
                    {state && !r.answerPublished && ` · ${t("proposals.admin.notPublished")}`}
                  </td>
                  <td>{t("proposals.evaluation.noteCount", { count: r.notes })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager ctx={ctx} page={page} hasNext={hasNext} href={(n) => `${base}/evaluation?page=${n}`} />
    </>
  );
}

const evaluatorOptions = (ctx: RequestContext, people: Person[]) => [{ value: "", label: ctx.t("proposals.evaluation.chooseEvaluator") }, ...people.map((p) => ({ value: String(p.id), label: p.name }))];

/** Inside the admin list's bulk form: assign the selected proposals to an evaluator, or unassign them. */
export function EvaluatorBulk({ ctx, base, evaluators }: { ctx: RequestContext; base: string; evaluators: Person[] }) {
  const { t } = ctx;
  if (evaluators.length === 0) return <p class="hint">{t("proposals.evaluation.noneInSpace")}</p>;
  return (
    <fieldset class="evaluator-bulk">
      <legend>{t("proposals.evaluation.evaluators")}</legend>
      <Select ctx={ctx} name="evaluatorId" label={t("proposals.evaluation.evaluator")} value="" options={evaluatorOptions(ctx, evaluators)} />
      <div class="form-actions">
        <button type="submit" class="button button-secondary" name="do" value="assign" formaction={`${base}/evaluators`}>
          {t("proposals.evaluation.assignSelected")}
        </button>
        <button type="submit" class="button button-secondary" name="do" value="unassign" formaction={`${base}/evaluators`}>
          {t("proposals.evaluation.unassignSelected")}
        </button>
      </div>
    </fieldset>
  );
}

/** A link from the admin's proposal page to its evaluation. */
export function EvaluationLink({ ctx, base, id }: { ctx: RequestContext; base: string; id: number }) {
  return (
    <p>
      <a href={`${base}/evaluation/${id}`}>{ctx.t("proposals.evaluation.link")}</a>
    </p>
  );
}

export interface EvaluationSectionProps {
  ctx: RequestContext;
  /** The component's back-office base. */
  base: string;
  proposalId: number;
  evaluators: Person[];
  notes: Note[];
  /** Administrators assign and unassign here (null for an evaluator). */
  candidates: Person[] | null;
  noteValue?: string | undefined;
  errors?: FieldErrors | undefined;
}

/** The proposal's evaluators (administrators change them here) and its private notes with the form for a new one. */
export function EvaluationSection(props: EvaluationSectionProps) {
  const { ctx, base, proposalId } = props;
  const { t } = ctx;
  return (
    <>
      <section aria-labelledby="evaluators-title">
        <h2 id="evaluators-title">{t("proposals.evaluation.evaluators")}</h2>
        {props.evaluators.length === 0 ? <p>{t("proposals.evaluation.noEvaluators")}</p> : <p>{props.evaluators.map((e) => e.name).join(", ")}</p>}
        {props.candidates && props.candidates.length === 0 && <p class="hint">{t("proposals.evaluation.noneInSpace")}</p>}
        {props.candidates && props.candidates.length > 0 && (
          <Form ctx={ctx} action={`${base}/evaluators`} class="form inline-fields">
            <input type="hidden" name="ids" value={String(proposalId)} />
            <input type="hidden" name="from" value="proposal" />
            <Select ctx={ctx} name="evaluatorId" label={t("proposals.evaluation.evaluator")} value="" options={evaluatorOptions(ctx, props.candidates)} />
            <div class="form-actions">
              <button type="submit" class="button button-secondary" name="do" value="assign">
                {t("proposals.evaluation.assign")}
              </button>
              <button type="submit" class="button button-secondary" name="do" value="unassign">
                {t("proposals.evaluation.unassign")}
              </button>
            </div>
          </Form>
        )}
      </section>
      <section aria-labelledby="notes-title" class="private-notes">
        <h2 id="notes-title">{t("proposals.evaluation.notesTitle")}</h2>
        <p class="hint">{t("proposals.evaluation.notesPrivacy")}</p>
        {props.notes.length === 0 ? (
          <p>{t("proposals.evaluation.noNotes")}</p>
        ) : (
          <ol class="notes">
            {props.notes.map((n) => (
              <li>
                <p class="hint">{t("proposals.evaluation.noteBy", { name: n.authorName ?? t("accounts.deletedParticipant"), date: formatDate(ctx, n.createdAt) })}</p>
                <Paragraphs text={n.body} />
              </li>
            ))}
          </ol>
        )}
        <Form ctx={ctx} action={`${base}/evaluation/${proposalId}/notes`} errors={props.errors}>
          <TextArea ctx={ctx} name="body" label={t("proposals.evaluation.noteBody")} value={props.noteValue} errors={props.errors} rows={4} required />
          <Submit>{t("proposals.evaluation.addNote")}</Submit>
        </Form>
      </section>
    </>
  );
}
