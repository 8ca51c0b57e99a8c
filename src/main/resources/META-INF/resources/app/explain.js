// One decision explained as a person reads it: the outcome, each policy passed or failed, the table row that
// matched with its annotation and cells, and the inputs the table looked at.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, table, badge, message } from "./ui.js";
import { parseTables, tableView } from "./dmn.js";

const POLICY_NAMES = {
  ConsentPolicy: "Marketing consent", FraudPolicy: "No fraud suspicion",
  ContactPressurePolicy: "Not contacted by too many campaigns", HoldoutPolicy: "Not in the holdout group",
};

function headline(decision) {
  if (decision.outcome === "SELECTED") {
    return `Selected: ${fmt.points(decision.discountPercent)} discount — ${fmt.reason(decision.reason)}`;
  }
  const what = { REJECTED: "Not selected", HOLDOUT: "Held out", CAPPED: "Not selected: the cap was reached" }[decision.outcome] || decision.outcome;
  return `${what} — ${fmt.reason(decision.reason)}`;
}

// The DMN of the version that decided, so the matched row is shown as it was then (null if it cannot be had).
async function modelXml(model, modelVersion) {
  const versions = await api.request("GET", `/decision-models/${api.enc(model)}/versions`);
  const match = versions.ok ? versions.body.find((v) => v.version === modelVersion) : null;
  if (!match) return null;
  const xml = await api.request("GET", `/decision-models/${api.enc(model)}/dmn?version=${match.seq}`);
  return xml.ok ? xml.body : null;
}

/** The explanation of `decision` (a decision or a stored outcome with `explanation`) for a campaign's model. */
export async function explanationView(decision, model) {
  const explanation = decision.explanation;
  const outcome = h("p", { class: "message " + (decision.outcome === "SELECTED" ? "ok" : "info"), id: "why-outcome" },
    badge(decision.outcome), " ", headline(decision));
  if (!explanation) {
    return h("div", { class: "explain" }, outcome,
      message("info", "This stored outcome carries no explanation (it was stored before outcomes kept one)."));
  }
  const xml = await modelXml(model, decision.modelVersion);
  const tables = xml ? parseTables(xml) : [];
  const policies = explanation.policies || [];
  const failed = policies.find((p) => p.result === "REJECTED");
  const rules = explanation.matchedRules || [];
  return h("div", { class: "explain", id: "why" }, outcome,
    h("ol", null,
      h("li", null, h("strong", null, "Global policies"), failed ? ` — stopped at ${POLICY_NAMES[failed.name] || failed.name}` : "",
        h("ul", { id: "why-policies" }, policies.map((p) => h("li", { class: "step" }, badge(p.result),
          h("span", null, POLICY_NAMES[p.name] || p.name, p.reason ? ` — ${fmt.reason(p.reason)}` : "")))),
        policies.length === 0 ? h("p", { class: "muted" }, "No policy was checked.") : null),
      h("li", null, h("strong", null, "The decision table"), rules.length === 0
        ? h("p", { id: "why-rules" }, failed ? "The table was not needed: a policy decided first." : "No row of the table matched this customer.")
        : h("div", { id: "why-rules" }, rules.map((rule) => matchedRow(rule, tables)))),
      h("li", null, h("strong", null, "What the table looked at"),
        table([["Input", ([name]) => name], ["Value", ([, value]) => showValue(value)]],
          Object.entries(explanation.inputs || {}), "No inputs were read.", { id: "why-inputs" }))),
    (explanation.messages || []).length ? message("info", explanation.messages.join(" ")) : null,
    h("p", { class: "note" }, `Decided with table version `, h("code", null, decision.modelVersion), ` for the run date ${fmt.date(decision.runDate)}.`));
}

function matchedRow(rule, tables) {
  const dt = tables.find((t) => t.decision === rule.decision);
  const row = dt && dt.rules[rule.row - 1];
  return h("div", null,
    h("p", null, `${rule.decision}: row ${rule.row} matched`, rule.annotation ? h("span", null, " — ", h("em", null, rule.annotation)) : ""),
    row ? tableView({ ...dt, rules: [row] }, { matchedRow: rule.row }) : null);
}

function showValue(value) {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "number") return fmt.num(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return fmt.date(value);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
