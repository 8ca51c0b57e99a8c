// A draft's reach beside the live version's: per row of the draft's table its customers, those of the live row it
// came from (matched by the rule's id, else by position) and the difference; the totals side by side.
import * as fmt from "./format.js";
import { h, table, badge } from "./ui.js";
import { diffRules } from "./dmn.js";
import { rowReach } from "./reach-view.js";

/** "+1.234", "−567" or "±0", marked up or down. */
export function difference(after, before) {
  if (after === null || after === undefined || before === null || before === undefined) return h("span", { class: "muted" }, "–");
  const d = after - before;
  return h("span", { class: "difference " + (d > 0 ? "up" : d < 0 ? "down" : "same") },
    d > 0 ? "+" + fmt.int(d) : d < 0 ? "−" + fmt.int(-d) : "±0");
}

/**
 * The columns `tableView` adds to the draft's table, and the live rows the draft removed: [columns, removed], each
 * removed entry {row, customers}. Either reach may be null (not counted).
 */
export function comparedColumns(liveTable, draftTable, live, draft) {
  const changes = diffRules(liveTable, draftTable);
  const origin = new Map(changes.filter((c) => c.after).map((c) => [c.after.row, c]));
  const liveRows = new Map((live ? live.rows : []).map((r) => [r.row, r]));
  const draftRows = new Map((draft ? draft.rows : []).map((r) => [r.row, r]));
  const max = Math.max(1, ...[...liveRows.values(), ...draftRows.values()].map((r) => r.customers));
  const liveOf = (rule) => {
    const change = origin.get(rule.row);
    return change && change.before ? liveRows.get(change.before.row) : null;
  };
  const columns = [
    ["Draft's reach", (rule) => rowReach(draftRows.get(rule.row), max, { "data-side": "draft" }), "reach"],
    ["Live reach", (rule) => {
      const change = origin.get(rule.row);
      if (!change || !change.before) return badge("pending", "new row");
      return h("div", null, rowReach(liveOf(rule), max, { "data-side": "live" }),
        change.before.row !== rule.row ? h("div", { class: "note" }, `live row ${change.before.row}`) : null,
        change.status === "changed" ? badge("CAPPED", "row changed") : null);
    }, "reach"],
    ["Difference", (rule) => difference(draftRows.get(rule.row)?.customers ?? (draft ? 0 : null),
      liveOf(rule)?.customers ?? (live && origin.get(rule.row)?.status === "added" ? 0 : null)), "num"],
  ];
  const removed = changes.filter((c) => c.status === "removed")
    .map((c) => ({ row: c.before.row, customers: liveRows.get(c.before.row)?.customers ?? null }));
  return [columns, removed];
}

/** The totals of both reaches in one table: customers, each policy, no row matched, selected, each discount. */
export function comparedTotals(live, draft) {
  const keys = (pick) => [...new Set([...Object.keys(pick(live) || {}), ...Object.keys(pick(draft) || {})])];
  const lines = [
    ["Customers in the index", (r) => r.customers],
    ...keys((r) => r.policies).map((code) => [fmt.reason(code), (r) => (r.policies || {})[code] || 0]),
    ["No row of the table matched", (r) => r.noRuleMatched],
    ["Selected by the table", (r) => r.selected],
    ...keys((r) => r.byDiscount).sort((a, b) => Number(a) - Number(b))
      .map((d) => [`Selected with ${fmt.num(Number(d))} % discount`, (r) => (r.byDiscount || {})[d] || 0]),
  ];
  const value = (reach, pick) => (reach ? pick(reach) : null);
  return table([
    ["", ([label]) => label],
    ["Live version", ([, pick]) => fmt.int(value(live, pick)), "num"],
    ["Draft", ([, pick]) => fmt.int(value(draft, pick)), "num"],
    ["Difference", ([, pick]) => difference(value(draft, pick), value(live, pick)), "num"],
  ], lines, "", { id: "reach-compare" });
}
