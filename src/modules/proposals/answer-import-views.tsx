/** The back-office page importing answers from CSV: what the file holds, the form, and every error found, by line. */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { Form, Submit } from "../../web/ui/forms";
import type { ImportError } from "./answer-import";

export function AnswerImportPage({ ctx, base, states, publishNow, errors, lineErrors }: { ctx: RequestContext; base: string; states: string[]; publishNow: boolean; errors?: FieldErrors | undefined; lineErrors?: ImportError[] | undefined }) {
  const { t } = ctx;
  const fileError = errors?.file;
  return (
    <>
      <p>
        <a href={base}>{t("proposals.admin.back")}</a>
      </p>
      <h1>{t("proposals.import.answers.title")}</h1>
      <p>{t("proposals.import.answers.intro", { states: states.join(", ") })}</p>
      <p class="hint">{publishNow ? t("proposals.import.answers.publishNow") : t("proposals.import.answers.publishLater")}</p>
      {lineErrors && lineErrors.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="import-errors-title">
          <h2 id="import-errors-title">{t("proposals.import.answers.errorsTitle", { count: lineErrors.length })}</h2>
          <ul>
            {lineErrors.map((e) => {
              const message = t(e.key, e.values);
              if (e.line === 0) return <li>{message}</li>;
              return <li>{e.column ? t("proposals.import.answers.cellError", { line: e.line, column: e.column, message }) : t("proposals.import.answers.lineError", { line: e.line, message })}</li>;
            })}
          </ul>
        </div>
      )}
      <Form ctx={ctx} action={`${base}/answers/import`} errors={errors} enctype="multipart/form-data">
        <div class={`field${fileError ? " field-error" : ""}`}>
          <label for="field-file">{t("proposals.import.answers.file")}</label>
          <p id="field-file-hint" class="hint">
            {t("proposals.import.answers.fileHint")}
          </p>
          {fileError && (
            <p id="field-file-error" class="error-message">
              {t(fileError.key, fileError.values)}
            </p>
          )}
          <input id="field-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby={fileError ? "field-file-hint field-file-error" : "field-file-hint"} aria-invalid={fileError ? "true" : undefined} />
        </div>
        <Submit>{t("proposals.import.answers.submit")}</Submit>
      </Form>
    </>
  );
}
