/**
 * Why a project was or was not funded, as sentences (message keys and their values) from what the
 * engine recorded for it: its position and the budget left for greedy, the threshold, the round, the
 * price per voter and the effective support for the Method of Equal Shares.
 */
import type { MessageKey } from "../../core/i18n/catalogues";
import type { Values } from "../../core/i18n/translator";
import type { OutcomeProject, OutcomeRule } from "./schema";

export interface Sentence {
  key: MessageKey;
  values?: Values;
}

export interface WhyFormat {
  money: (n: number) => string;
  number: (n: number) => string;
}

/** The sentences explaining one project's fate under `rule` (`threshold`: greedy-threshold's, in votes). */
export function whySentences(p: OutcomeProject, rule: OutcomeRule, threshold: number | null, f: WhyFormat): Sentence[] {
  const out: Sentence[] = [];
  const cost = f.money(p.cost);
  if (rule === "greedy-threshold" && threshold !== null) {
    if (p.belowThreshold) return [{ key: "budgets.outcome.why.threshold.below", values: { votes: f.number(p.votes), threshold: f.number(threshold) } }];
    out.push({ key: "budgets.outcome.why.threshold.above", values: { votes: f.number(p.votes), threshold: f.number(threshold) } });
  }
  if (rule === "mes-add1") {
    if (p.selected && p.round !== undefined && p.pricePerVoter !== undefined && p.effectiveSupport !== undefined) {
      out.push({ key: "budgets.outcome.why.mes.selected", values: { round: p.round, price: f.money(p.pricePerVoter), support: f.number(round2(p.effectiveSupport)) } });
    } else if (p.selected) {
      // Bought outside the rounds of equal shares (a completion): its position and what was left tell why.
      out.push(greedyTurn(p, cost, f) ?? { key: "budgets.outcome.why.selected" });
    } else {
      out.push({ key: "budgets.outcome.why.mes.unaffordable", values: { cost } });
      if (p.effectiveSupport !== undefined) out.push({ key: "budgets.outcome.why.mes.support", values: { support: f.number(round2(p.effectiveSupport)) } });
    }
  } else {
    out.push(greedyTurn(p, cost, f) ?? { key: p.selected ? "budgets.outcome.why.selected" : "budgets.outcome.why.notSelected" });
  }
  if (p.tie) out.push({ key: "budgets.outcome.why.tie" });
  return out;
}

function greedyTurn(p: OutcomeProject, cost: string, f: WhyFormat): Sentence | null {
  if (p.position === undefined || p.leftWhenConsidered === undefined) return null;
  return { key: p.selected ? "budgets.outcome.why.greedy.selected" : "budgets.outcome.why.greedy.skipped", values: { position: p.position, left: f.money(p.leftWhenConsidered), cost } };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
