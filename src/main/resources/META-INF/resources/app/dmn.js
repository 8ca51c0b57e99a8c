// Reads the decision tables of a DMN model in the browser and shows them as a marketer reads them: one line per
// rule, its conditions, its outcome and its annotation; two versions side by side as a table diff.
import { h, table } from "./ui.js";

const DMN_LOCAL = (element, name) => Array.from(element.children).filter((c) => c.localName === name);
const textOf = (element) => (element ? (DMN_LOCAL(element, "text")[0]?.textContent ?? "").trim() : "");

/** [{decision, hitPolicy, description, inputs: [label], outputs: [name], annotations: [name], rules: [...]}] */
export function parseTables(xml) {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) throw new Error("The model's XML cannot be read.");
  const tables = [];
  for (const decision of doc.getElementsByTagNameNS("*", "decision")) {
    const dt = DMN_LOCAL(decision, "decisionTable")[0];
    if (!dt) continue;
    const inputs = DMN_LOCAL(dt, "input").map((i) => i.getAttribute("label") || textOf(DMN_LOCAL(i, "inputExpression")[0]));
    const outputs = DMN_LOCAL(dt, "output").map((o) => o.getAttribute("name") || o.getAttribute("label") || "output");
    const annotations = DMN_LOCAL(dt, "annotation").map((a) => a.getAttribute("name") || "Annotation");
    const rules = DMN_LOCAL(dt, "rule").map((rule, index) => ({
      id: rule.getAttribute("id") || String(index),
      row: index + 1,
      inputs: DMN_LOCAL(rule, "inputEntry").map(textOf),
      outputs: DMN_LOCAL(rule, "outputEntry").map(textOf),
      annotations: DMN_LOCAL(rule, "annotationEntry").map(textOf),
    }));
    tables.push({
      decision: decision.getAttribute("name"),
      hitPolicy: dt.getAttribute("hitPolicy") || "UNIQUE",
      description: (DMN_LOCAL(decision, "description")[0]?.textContent ?? "").trim(),
      inputs, outputs, annotations, rules,
    });
  }
  return tables;
}

// As a marketer reads a cell: "-" matches anything, null is a fact left empty, quotes only mark text.
const show = (cell) => (cell === "" || cell === "-" ? "any" : cell === "null" ? "empty" : cell.replace(/^"(.*)"$/, "$1"));
const cells = (rule) => [...rule.inputs, ...rule.outputs, ...rule.annotations];

/** One decision table, read-only; `options.matchedRow` marks the row that decided, `options.extra` adds columns. */
export function tableView(dt, options = {}) {
  const extra = options.extra || [];
  const columns = [
    ["Row", (r) => String(r.row), "num"],
    ...dt.inputs.map((label, i) => [`If ${label}`, (r) => show(r.inputs[i] ?? "")]),
    ...dt.outputs.map((name, i) => [`Then ${name}`, (r) => show(r.outputs[i] ?? "")]),
    ...dt.annotations.map((name, i) => [name, (r) => r.annotations[i] ?? "", "annotation"]),
    ...extra,
  ];
  const element = table(columns, dt.rules, "The table has no rows.", { class: "dmn-table", "data-decision": dt.decision });
  element.querySelectorAll("tbody tr").forEach((tr, i) => {
    tr.dataset.row = String(i + 1);
    if (options.matchedRow === i + 1) tr.className = "matched";
  });
  return element;
}

/**
 * The rows of `after` against `before`, matched by the rule's id (the editor keeps it when a row moves), else by
 * position: [{status: "same"|"changed"|"added"|"removed", row, before, after}].
 */
export function diffRules(before, after) {
  const byId = new Map(before.rules.map((r) => [r.id, r]));
  const sameIds = after.rules.some((r) => byId.has(r.id));
  const used = new Set();
  const result = after.rules.map((rule, i) => {
    const old = sameIds ? byId.get(rule.id) : before.rules[i];
    if (!old) return { status: "added", row: rule.row, after: rule };
    used.add(old);
    const changed = cells(old).join("\u0000") !== cells(rule).join("\u0000");
    return { status: changed ? "changed" : "same", row: rule.row, before: old, after: rule };
  });
  before.rules.filter((r) => !used.has(r)).forEach((r) => result.push({ status: "removed", row: r.row, before: r }));
  return result;
}

/** The changed rows of one decision table, each changed cell as the old value struck through beside the new one. */
export function diffView(before, after) {
  const rows = diffRules(before, after).filter((d) => d.status !== "same");
  if (rows.length === 0) return h("p", { class: "muted" }, `${after.decision}: no row changed.`);
  const labels = [...after.inputs.map((l) => "If " + l), ...after.outputs.map((o) => "Then " + o), ...after.annotations];
  const cell = (d, i) => {
    const old = d.before ? cells(d.before)[i] ?? "" : null;
    const now = d.after ? cells(d.after)[i] ?? "" : null;
    if (d.status === "added") return h("ins", null, show(now));
    if (d.status === "removed") return h("del", null, show(old));
    return old === now ? show(now) : h("span", null, h("del", null, show(old)), " ", h("ins", null, show(now)));
  };
  return table([
    ["Row", (d) => (d.status === "removed" ? `${d.row} (removed)` : d.status === "added" ? `${d.row} (new)` : String(d.row))],
    ...labels.map((label, i) => [label, (d) => cell(d, i)]),
  ], rows, "", { class: "dmn-diff", "data-decision": after.decision });
}

/** Every decision table of `after` against the one of the same name in `before`. */
export function modelDiff(beforeXml, afterXml) {
  const before = new Map(parseTables(beforeXml).map((t) => [t.decision, t]));
  return parseTables(afterXml).map((t) =>
    h("div", null, h("h4", null, t.decision),
      diffView(before.get(t.decision) || { ...t, rules: [] }, t)));
}
