// A campaign's page: its definition, the live decision table row by row with each row's reach on a run date beside
// it, the reach's totals, starting a run (after a confirmation that shows reach, holdout and cap) and its run history.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, facts, message, confirmDialog } from "./ui.js";
import { parseTables, tableView } from "./dmn.js";
import { liveReach, selectionTable } from "./reach.js";
import { reachColumn, reachTotals } from "./reach-view.js";
import { impactAction, mayPreview } from "./impact-view.js";
import { liveImpact } from "./impact.js";
import { campaignRuns } from "./history.js";
import { runsTable } from "./runs-table.js";

export async function campaignPage(el, campaignId, view) {
  const campaign = await api.get("/campaigns/" + api.enc(campaignId));
  const model = campaign.decisionModel;
  const [info, dmn, history] = await Promise.all([
    api.get("/decision-models/" + api.enc(model)),
    api.request("GET", `/decision-models/${api.enc(model)}/dmn`),
    campaignRuns(campaignId),
  ]);
  if (!view.alive()) return;
  const editor = api.hasRole("editor");
  const runDate = h("input", { type: "date", id: "run-date", value: defaultRunDate(campaign) });
  const reachPanel = h("div", { id: "reach", "aria-live": "polite" });
  const runMessage = h("div", { id: "run-message" });
  const tables = dmn.ok ? parseTables(dmn.body) : [];
  const tablesView = h("div", { id: "live-table" });
  const impact = impactAction(view, (progress, alive, fresh) => liveImpact(model, runDate.value, progress, alive, fresh), false);
  const state = { reach: null, token: 0 };

  function drawTables(reach) {
    const counted = selectionTable(tables);
    fill(tablesView, tables.map((t) => [h("h3", null, `${t.decision} (hit policy ${t.hitPolicy})`),
      t.description ? h("p", { class: "note" }, t.description) : null,
      tableView(t, reach && t === counted ? { extra: [reachColumn(reach)] } : {})]));
  }

  async function countReach() {
    const token = ++state.token;
    state.reach = null;
    if (impact) impact.reset();
    fill(reachPanel, h("p", { class: "muted" }, "Counting in the customer index…"));
    const answer = await liveReach(model, runDate.value, campaignId);
    if (!view.alive() || token !== state.token) return;
    state.reach = answer.ok ? answer.reach : null;
    drawTables(state.reach);
    fill(reachPanel, answer.ok ? reachTotals(answer.reach, campaign) : [message("error", answer.text, "reach-error"),
      answer.preview ? message("info", mayPreview() ? "The impact preview below decides every stored customer instead."
        : "An editor or approver can run the impact preview, which decides every stored customer instead.") : null]);
  }

  async function startRun() {
    fill(runMessage);
    const reach = state.reach && state.reach.runDate === runDate.value ? state.reach : null;
    const afterHoldout = reach ? reach.selected - (reach.holdoutExpected || 0) : 0;
    const ok = await confirmDialog(`Start a selection run for ${fmt.date(runDate.value)}?`,
      h("div", null,
        h("p", null, `${campaign.name} will decide every stored customer with the live table `,
          h("code", null, info.liveVersion), ` (version #${info.seq}) and store who is selected.`),
        facts([
          ["Reach on this date", reach ? `${fmt.int(reach.selected)} customers the table selects` : "not counted"],
          ["Holdout", fmt.points(campaign.holdoutPercent || 0) + (reach ? `, about ${fmt.int(reach.holdoutExpected || 0)} customers` : "")],
          ["Cap", campaign.maxCustomers ? `at most ${fmt.int(campaign.maxCustomers)} selected` : "no cap"],
          ...(reach ? [["Expected selected", "about " + fmt.int(campaign.maxCustomers ? Math.min(campaign.maxCustomers, afterHoldout) : afterHoldout)]] : []),
        ])),
      "Start run");
    if (!ok) return;
    const answer = await api.request("POST", `/campaigns/${api.enc(campaignId)}/selections`, { runDate: runDate.value });
    if (answer.status !== 202) {
      fill(runMessage, message("error", "The run was not started: " + api.problemText(answer), "run-refused"));
      return;
    }
    location.hash = "#/runs/" + api.enc(answer.body.runId);
  }

  fill(el,
    h("p", { class: "crumbs" }, h("a", { href: "#/campaigns" }, "Campaigns"), " / ", campaign.campaignId),
    h("div", { class: "toolbar" }, h("h1", { style: "flex: 1", id: "campaign-title" }, campaign.name),
      editor ? h("a", { class: "button", href: `#/campaigns/${api.enc(campaignId)}/edit`, id: "edit-campaign" }, "Edit") : null),
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "definition-title" },
        h("h2", { id: "definition-title" }, "Definition"),
        facts([
          ["Id", h("code", null, campaign.campaignId)],
          ["Runs from", `${fmt.date(campaign.startDate)} to ${fmt.date(campaign.endDate)}`],
          ["Decision table", h("a", { href: "#/tables/" + api.enc(model) }, model)],
          ["Live version", h("span", null, `#${info.seq} `, h("code", null, info.liveVersion), ` by ${info.author || "–"}, ${fmt.dateTime(info.publishedAt)}`)],
          ["Cap", campaign.maxCustomers ? `at most ${fmt.int(campaign.maxCustomers)} customers` : "no cap"],
          ["Holdout", fmt.points(campaign.holdoutPercent || 0)],
        ])),
      h("section", { class: "card", "aria-labelledby": "reach-title" },
        h("h2", { id: "reach-title" }, "Reach"),
        h("div", { class: "toolbar" },
          h("div", null, h("label", { for: "run-date" }, "Run date"), runDate),
          h("button", { id: "count-reach", onclick: countReach }, "Count again"),
          editor ? h("button", { class: "primary", id: "start-run", onclick: startRun }, "Start selection run…") : null),
        reachPanel, runMessage, impact ? impact.element : null)),
    h("section", { class: "card", "aria-labelledby": "table-title" },
      h("h2", { id: "table-title" }, "The live decision table"),
      h("p", { class: "note" }, "Read-only. Rows are tried as the hit policy says; a condition \"any\" matches every customer. "
        + "Beside each row of the Selection table: the customers it decides on the run date. Change the table under ",
        h("a", { href: "#/tables/" + api.enc(model) }, "Decision tables"), "."),
      dmn.ok ? tablesView : message("error", api.problemText(dmn))),
    h("section", { class: "card", "aria-labelledby": "history-title" },
      h("h2", { id: "history-title" }, "Run history"),
      runsTable(history, false, "run-history")));
  drawTables(null);
  runDate.addEventListener("change", countReach);
  countReach();
}

function defaultRunDate(campaign) {
  const today = fmt.today();
  if (today < campaign.startDate) return campaign.startDate;
  if (today > campaign.endDate) return campaign.endDate;
  return today;
}
