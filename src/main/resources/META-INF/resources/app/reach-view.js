// A reach as the pages draw it: a column beside the decision table's rows (each row's customers, a bar and, for a
// count that is not exact, the reason), and the totals (selected, by discount, rejected by policy, no row matched,
// expected holdout, what is not estimated, how fresh the index is).
import * as fmt from "./format.js";
import { h, badge, figures, bars } from "./ui.js";
import { freshness } from "./customer-index.js";

const widest = (rows) => Math.max(1, ...rows.map((r) => r.customers));

/** A row's count with its bar, scaled to `max`; a count that is not exact says so and shows the service's note. */
export function rowReach(row, max, attributes) {
  if (!row) return h("span", { class: "muted" }, "–");
  return h("div", { class: "reach-cell", "data-reach-row": row.row, ...attributes },
    h("div", { class: "reach-line" },
      h("span", { class: "reach-count" }, fmt.int(row.customers)),
      row.exact ? null : badge("CAPPED", "not exact")),
    h("div", { class: "track", "aria-hidden": "true" },
      h("div", { class: "bar " + (row.outcome || ""), style: `width: ${(row.customers / max) * 100}%` })),
    row.exact ? null : h("div", { class: "reach-note" }, row.note || "The index cannot count this row exactly."));
}

/** The column `tableView` adds for a reach: the customers each row decides. */
export function reachColumn(reach) {
  const byRow = new Map(reach.rows.map((r) => [r.row, r]));
  const max = widest(reach.rows);
  return ["Reach (customers)", (rule) => rowReach(byRow.get(rule.row), max), "reach"];
}

const discountLabel = (d) => `${fmt.num(Number(d))} % discount`;
const byPercent = (map) => Object.entries(map || {}).sort(([a], [b]) => Number(a) - Number(b));

/**
 * The totals of a reach. With a campaign, the selected after its expected holdout and its cap; without one, the
 * table's own figures.
 */
export function reachTotals(reach, campaign) {
  const afterHoldout = reach.selected - (reach.holdoutExpected || 0);
  const cap = campaign && campaign.maxCustomers;
  const policies = Object.entries(reach.policies || {});
  return h("div", { class: "reach-totals" },
    h("p", { id: "reach-status" }, `Reach on ${fmt.date(reach.runDate)} of version `, h("code", null, reach.modelVersion),
      `, over ${fmt.int(reach.customers)} customers in the index.`),
    figures([
      ["selected by the table", fmt.int(reach.selected), "reach-selected"],
      ...(campaign ? [
        ["expected in the holdout", fmt.int(reach.holdoutExpected || 0), "reach-holdout"],
        ["expected after holdout and cap", "≈ " + fmt.int(cap ? Math.min(cap, afterHoldout) : afterHoldout), "reach-expected"],
        ["cap", cap ? fmt.int(cap) : "none", "reach-cap"],
      ] : []),
    ]),
    h("h3", null, "Selected by discount"),
    bars(byPercent(reach.byDiscount).map(([d, n]) => [discountLabel(d), n, "SELECTED"]), fmt.int,
      { "aria-label": "selected by discount", id: "reach-discounts" }),
    h("h3", null, "Everyone in the index"),
    bars([
      ["Customers in the index", reach.customers],
      ...policies.map(([code, n]) => [fmt.reason(code), n, "REJECTED"]),
      ["No row of the table matched", reach.noRuleMatched, "REJECTED"],
      ["Selected by the table", reach.selected, "SELECTED"],
      ...(campaign ? [["Held out (expected)", reach.holdoutExpected || 0, "HOLDOUT"]] : []),
    ], fmt.int, { "aria-label": "reach chart", id: "reach-chart" }),
    h("p", { class: "note", id: "reach-caveats" },
      reach.exact ? "Every row's count is exact. " : "Some rows' counts are not exact: their notes stand beside them in the table. ",
      (reach.notEstimated || []).length > 0
        ? `Not estimated: ${reach.notEstimated.map(fmt.reason).join(", ")}; it is only known after a run. ` : "",
      "Policies apply before the table; the holdout is an expectation from its share; which customers a cap keeps is "
        + "only known after a run."),
    freshness(reach, "reach-freshness"));
}
