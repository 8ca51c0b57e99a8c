// A draft of a decision table: its rows with the draft's reach on a run date beside the live version's and the
// difference per row, the totals of both side by side, what changed against the live version, and, for editors and
// approvers, the impact preview as a separate action.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, facts, message } from "./ui.js";
import { parseTables, tableView, modelDiff } from "./dmn.js";
import { liveReach, draftReach, selectionTable } from "./reach.js";
import { comparedColumns, comparedTotals } from "./reach-diff.js";
import { freshness } from "./customer-index.js";
import { impactAction, mayPreview } from "./impact-view.js";
import { draftImpact } from "./impact.js";

export async function draftPage(el, name, draftId, view) {
  const base = `/decision-models/${api.enc(name)}`;
  const [info, liveXml, draftXml, drafts] = await Promise.all([
    api.get(base), api.request("GET", base + "/dmn"), api.get(`${base}/drafts/${api.enc(draftId)}/dmn`), api.request("GET", base + "/drafts"),
  ]);
  if (!view.alive()) return;
  const draft = (drafts.ok ? drafts.body : []).find((d) => d.draftId === draftId);
  const liveTables = liveXml.ok ? parseTables(liveXml.body) : [];
  const draftTables = parseTables(draftXml);
  const counted = selectionTable(draftTables);
  const liveCounted = liveTables.find((t) => counted && t.decision === counted.decision) || { ...counted, rules: [] };
  const runDate = h("input", { type: "date", id: "run-date", value: fmt.today() });
  const reachPanel = h("div", { id: "reach", "aria-live": "polite" });
  const tablesView = h("div", { id: "draft-table" });
  const impact = impactAction(view, (progress, alive, fresh) => draftImpact(name, draftId, runDate.value, progress, alive, fresh), true);
  let token = 0;

  function drawTables(live, drafted) {
    const [columns, removed] = counted && (live || drafted) ? comparedColumns(liveCounted, counted, live, drafted) : [[], []];
    fill(tablesView, draftTables.map((t) => [h("h3", null, `${t.decision} (hit policy ${t.hitPolicy})`),
      tableView(t, t === counted ? { extra: columns } : {}),
      t === counted && removed.length > 0 ? h("p", { class: "note", id: "removed-rows" }, "Rows of the live table the draft removes: ",
        removed.map((r) => `row ${r.row} (${fmt.int(r.customers)} customers)`).join(", "), ".") : null]));
  }

  async function countReach() {
    const mine = ++token;
    if (impact) impact.reset();
    fill(reachPanel, h("p", { class: "muted" }, "Counting in the customer index…"));
    const [live, drafted] = await Promise.all([liveReach(name, runDate.value), draftReach(name, draftId, runDate.value)]);
    if (!view.alive() || mine !== token) return;
    const liveReachOk = live.ok ? live.reach : null;
    const draftReachOk = drafted.ok ? drafted.reach : null;
    drawTables(liveReachOk, draftReachOk);
    const notEstimated = [...new Set([liveReachOk, draftReachOk].flatMap((r) => (r ? r.notEstimated || [] : [])))];
    const refused = [[live, "The live version's reach", "live-reach-error"], [drafted, "The draft's reach", "draft-reach-error"]]
      .filter(([answer]) => !answer.ok);
    fill(reachPanel,
      refused.map(([answer, what, id]) => message("error", `${what}: ${answer.text}`, id)),
      refused.some(([answer]) => answer.preview) ? message("info", mayPreview() ? "The impact preview below decides every stored customer instead."
        : "An editor or approver can run the impact preview, which decides every stored customer instead.") : null,
      liveReachOk || draftReachOk ? [
        h("p", { id: "reach-status" }, `Reach on ${fmt.date(runDate.value)}: the draft against the live version `,
          h("code", null, info.liveVersion), "."),
        comparedTotals(liveReachOk, draftReachOk),
        [liveReachOk, draftReachOk].some((r) => r && !r.exact)
          ? h("p", { class: "note" }, "Some rows' counts are not exact: their notes stand beside them in the table.") : null,
        notEstimated.length > 0 ? h("p", { class: "note", id: "reach-not-estimated" },
          `Not estimated: ${notEstimated.map(fmt.reason).join(", ")}; it is only known after a run.`) : null,
        freshness(draftReachOk || liveReachOk, "reach-freshness"),
      ] : null);
  }

  fill(el,
    h("p", { class: "crumbs" }, h("a", { href: "#/tables" }, "Decision tables"), " / ", h("a", { href: "#/tables/" + api.enc(name) }, name),
      " / draft ", draftId.substring(0, 8)),
    h("h1", { id: "draft-title" }, `Draft ${draftId.substring(0, 8)} of ${name}`),
    facts([
      ["Author", draft ? draft.author : "–"],
      ["Saved", draft ? fmt.dateTime(draft.createdAt) : "–"],
      ["Regression cases", draft && draft.lastTests ? `${draft.lastTests.passed} passed, ${draft.lastTests.failed} failed` : "not run"],
      ["Against", h("span", null, `live version #${info.seq} `, h("code", null, info.liveVersion))],
    ]),
    h("section", { class: "card", "aria-labelledby": "reach-title" },
      h("h2", { id: "reach-title" }, "Reach: the draft against the live version"),
      h("div", { class: "toolbar" },
        h("div", null, h("label", { for: "run-date" }, "Run date"), runDate),
        h("button", { id: "count-reach", onclick: countReach }, "Count again")),
      reachPanel, impact ? impact.element : null),
    h("section", { class: "card", "aria-labelledby": "table-title" },
      h("h2", { id: "table-title" }, "The draft's tables"),
      h("p", { class: "note" }, "Beside each row of the Selection table: the customers it decides on the run date with the draft, "
        + "with the live version (the row it came from) and the difference."),
      tablesView),
    h("section", { class: "card", "aria-labelledby": "changes-title" },
      h("h2", { id: "changes-title" }, "Changes against the live version"),
      liveXml.ok ? modelDiff(liveXml.body, draftXml) : message("error", api.problemText(liveXml))));
  drawTables(null, null);
  runDate.addEventListener("change", countReach);
  countReach();
}
