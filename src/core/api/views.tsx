/**
 * /api/docs: the OpenAPI document read aloud, server-rendered without any script: each operation with
 * its parameters, response fields and errors, then the problem types the errors' `type` points to.
 */
import type { RequestContext } from "../http/context";
import { PROBLEM_TYPES, problemAnchor, problemTypeFor, problemTypeUri, type ProblemType } from "../http/problem";
import type { HttpMethod, OpenApiDocument, OperationObject, ParameterObject } from "./openapi";
import { fieldsOf, typeView, type FieldView, type TypeView } from "./schema-view";

interface Operation {
  method: HttpMethod;
  path: string;
  op: OperationObject;
}

const operationsOf = (doc: OpenApiDocument): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, item]) => (["get", "post"] as const).flatMap((method) => (item[method] ? [{ method, path, op: item[method] }] : [])));

const anchorOf = (op: OperationObject) => `op-${op.operationId}`;
const label = (o: Operation) => `${o.method.toUpperCase()} ${o.path}`;

function TypeCell({ ctx, type }: { ctx: RequestContext; type: TypeView }) {
  const { t } = ctx;
  return (
    <td>
      <code>{type.text}</code>
      {type.nullable ? ` ${t("api.docs.nullable")}` : null}
      {type.values ? <div>{t("api.docs.oneOf", { values: type.values.join(", ") })}</div> : null}
      {type.bounds.length > 0 ? <div>{type.bounds.join(", ")}</div> : null}
    </td>
  );
}

function ParametersTable({ ctx, doc, o, parameters }: { ctx: RequestContext; doc: OpenApiDocument; o: Operation; parameters: ParameterObject[] }) {
  const { t } = ctx;
  if (parameters.length === 0) return <p>{t("api.docs.noParameters")}</p>;
  return (
    <table>
      <caption class="visually-hidden">{t("api.docs.parametersCaption", { operation: label(o) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("api.docs.column.name")}</th>
          <th scope="col">{t("api.docs.column.in")}</th>
          <th scope="col">{t("api.docs.column.type")}</th>
          <th scope="col">{t("api.docs.column.required")}</th>
          <th scope="col">{t("api.docs.column.description")}</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((p) => (
          <tr>
            <th scope="row">
              <code>{p.name}</code>
            </th>
            <td>{t(p.in === "path" ? "api.docs.in.path" : "api.docs.in.query")}</td>
            <TypeCell ctx={ctx} type={typeView(doc, p.schema)} />
            <td>{t(p.required ? "common.yes" : "common.no")}</td>
            <td>{p.description ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FieldsTable({ ctx, caption, fields }: { ctx: RequestContext; caption: string; fields: FieldView[] }) {
  const { t } = ctx;
  return (
    <table>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("api.docs.column.field")}</th>
          <th scope="col">{t("api.docs.column.type")}</th>
          <th scope="col">{t("api.docs.column.required")}</th>
          <th scope="col">{t("api.docs.column.description")}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr>
            <th scope="row">
              <code>{f.name}</code>
            </th>
            <TypeCell ctx={ctx} type={f.type} />
            <td>{t(f.required ? "common.yes" : "common.no")}</td>
            <td>{f.description ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationSection({ ctx, doc, o }: { ctx: RequestContext; doc: OpenApiDocument; o: Operation }) {
  const { t } = ctx;
  const { op } = o;
  const id = anchorOf(op);
  const body = op.responses["200"]?.content["application/json"]?.schema;
  const errors = Object.keys(op.responses).filter((s) => s !== "200");
  return (
    <section class="api-operation" aria-labelledby={id}>
      <h2 id={id}>{op.summary}</h2>
      <p>
        <code>{label(o)}</code>
      </p>
      {op.description ? <p>{op.description}</p> : null}
      <h3>{t("api.docs.parameters")}</h3>
      <ParametersTable ctx={ctx} doc={doc} o={o} parameters={op.parameters} />
      <h3>{t("api.docs.response")}</h3>
      <p>{t("api.docs.responseIntro")}</p>
      {body ? <FieldsTable ctx={ctx} caption={t("api.docs.responseCaption", { operation: label(o) })} fields={fieldsOf(doc, body)} /> : null}
      <h3>{t("api.docs.errors")}</h3>
      <table>
        <caption class="visually-hidden">{t("api.docs.errorsCaption", { operation: label(o) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("api.docs.column.status")}</th>
            <th scope="col">{t("api.docs.column.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((status) => {
            const type = problemTypeFor(Number(status));
            return (
              <tr>
                <th scope="row">{status}</th>
                <td>
                  <a href={`#${problemAnchor(type)}`}>{t(PROBLEM_TYPES[type].title)}</a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ProblemsSection({ ctx, doc }: { ctx: RequestContext; doc: OpenApiDocument }) {
  const { t } = ctx;
  const base = doc.servers[0]?.url ?? "";
  const problem = doc.components.schemas.Problem;
  return (
    <section class="api-problems" aria-labelledby="api-problems">
      <h2 id="api-problems">{t("api.docs.problems")}</h2>
      <p>{t("api.docs.problemsIntro")}</p>
      <table>
        <caption class="visually-hidden">{t("api.docs.problems")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("api.docs.column.problem")}</th>
            <th scope="col">{t("api.docs.column.status")}</th>
            <th scope="col">
              <code>type</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(PROBLEM_TYPES) as ProblemType[]).map((type) => (
            <tr>
              <th scope="row" id={problemAnchor(type)}>
                {t(PROBLEM_TYPES[type].title)}
              </th>
              <td>{PROBLEM_TYPES[type].status}</td>
              <td>
                <code>{problemTypeUri(base, type)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem ? (
        <>
          <h3>{t("api.docs.problemFields")}</h3>
          <FieldsTable ctx={ctx} caption={t("api.docs.problemFields")} fields={fieldsOf(doc, problem)} />
        </>
      ) : null}
    </section>
  );
}

export function ApiDocsPage({ ctx, doc }: { ctx: RequestContext; doc: OpenApiDocument }) {
  const { t } = ctx;
  const operations = operationsOf(doc);
  return (
    <section class="api-docs">
      <h1>{t("api.docs.title")}</h1>
      <p>{t("api.docs.intro", { org: doc.info.title })}</p>
      <p>
        <a href="/api/openapi.json" type="application/json">
          {t("api.docs.openapiLink")}
        </a>
      </p>
      <p>{t("api.docs.server", { url: doc.servers[0]?.url ?? "" })}</p>
      <nav aria-labelledby="api-operations">
        <h2 id="api-operations">{t("api.docs.operations")}</h2>
        {operations.length === 0 ? (
          <p>{t("api.docs.none")}</p>
        ) : (
          <ul>
            {operations.map((o) => (
              <li>
                <a href={`#${anchorOf(o.op)}`}>{o.op.summary}</a> <code>{label(o)}</code>
              </li>
            ))}
          </ul>
        )}
      </nav>
      {operations.map((o) => (
        <OperationSection ctx={ctx} doc={doc} o={o} />
      ))}
      <ProblemsSection ctx={ctx} doc={doc} />
    </section>
  );
}
