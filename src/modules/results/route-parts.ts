/** What the results component's routes share: their types and settings. */
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import type { ResultSettings, ResultStepSettings } from "./settings";

export type C = ComponentRequest<ResultSettings, ResultStepSettings>;
export type Handler = ComponentRoute<ResultSettings, ResultStepSettings>["handler"];

export const resultParams = z.object({ resultId: z.string().regex(/^\d{1,15}$/) });
export const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
export const idOf = (raw: string | undefined) => (raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : -1);
