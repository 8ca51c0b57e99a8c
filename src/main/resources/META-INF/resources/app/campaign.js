// A campaign's page: its definition, the live decision table row by row, its reach for a run date, starting a run
// (after a confirmation that shows reach and cap) and its run history.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, facts, figures, bars, message, confirmDialog, progressBar } from "./ui.js";
import { parseTables, tableView } from "./dmn.js";
import { reach } from "./reach.js";
import { campaignRuns } from "./history.js";
import { runsTable } from "./runs-table.js";

export async function campaignPage(el, campaignId, view) {
  const campaign = await api.get("/campaigns/" + api.enc(campaignId));
  const model = campaign.decisionModel;
  const [info, dmn, history, newest] = await Promise.all([
    api.get("/decision-models/" + api.enc(model)),
    api.request("GET", `/decision-models/${api.enc(model)}/dmn`),
    campaignRuns(campaignId),
    api.request("GET", "/selections?limit=1"),
  ]);
  // The preview does not know how many customers it will go over; the newest run counted them when it started.
  const customersAbout = newest.ok && newest.body[0] ? newest.body[0].estimatedCustomers : 0;
  if (!view.alive()) return;
  const editor = api.hasRole("editor");
  const runDate = h("input", { type: "date", id: "run-date", value: defaultRunDate(campaign) });
  const reachPanel = h("div", { id: "reach", "aria-live": "polite" });
  const runMessage = h("div", { id: "run-message" });
  const state = { report: null, token: 0 };

  async function refreshReach(fresh) {
    const token = ++state.token;
    state.report = null;
    const current = () => view.alive() && token === state.token;
    if (!editor && !api.hasRole("approver")) {
      fill(reachPanel, message("info", "The reach is computed with the impact preview, which only editors and approvers may start."));
      return;
    }
    fill(reachPanel, h("p", { class: "muted" }, "Starting the preview…"));
    try {
      const report = await reach(model, runDate.value, (r) => showReach(reachPanel, r, campaign, customersAbout), current, fresh === true);
      if (current()) state.report = report;
    } catch (e) {
      if (current()) fill(reachPanel, message("error", e.message, "reach-error"));
    }
  }

  async function startRun() {
    fill(runMessage);
    const report = state.report && state.report.runDate === runDate.value && state.report.status === "COMPLETED" ? state.report : null;
    const ok = await confirmDialog(`Start a selection run for ${fmt.date(runDate.value)}?`,
      h("div", null,
        h("p", null, `${campaign.name} will decide every stored customer with the live table `,
          h("code", null, info.liveVersion), ` (version #${info.seq}) and store who is selected.`),
        facts([
          ["Reach on this date", report ? `${fmt.int(report.selectedLive)} customers the table selects` : "not computed yet"],
          ["Holdout", fmt.points(campaign.holdoutPercent || 0)],
          ["Cap", campaign.maxCustomers ? `at most ${fmt.int(campaign.maxCustomers)} selected` : "no cap"],
          ...(report ? [["Expected selected", "about " + fmt.int(expectedSelected(report, campaign))]] : []),
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

  const tables = dmn.ok ? parseTables(dmn.body) : [];
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
          editor || api.hasRole("approver") ? h("button", { id: "recompute-reach", onclick: () => refreshReach(true) }, "Compute again") : null,
          editor ? h("button", { class: "primary", id: "start-run", onclick: startRun }, "Start selection run…") : null),
        reachPanel, runMessage)),
    h("section", { class: "card", "aria-labelledby": "table-title" },
      h("h2", { id: "table-title" }, "The live decision table"),
      h("p", { class: "note" }, "Read-only. Rows are tried as the hit policy says; a condition \"any\" matches every customer. Change the table under ",
        h("a", { href: "#/tables/" + api.enc(model) }, "Decision tables"), "."),
      dmn.ok ? tables.map((t) => [h("h3", null, `${t.decision} (hit policy ${t.hitPolicy})`),
        t.description ? h("p", { class: "note" }, t.description) : null, tableView(t)])
        : message("error", api.problemText(dmn))),
    h("section", { class: "card", "aria-labelledby": "history-title" },
      h("h2", { id: "history-title" }, "Run history"),
      runsTable(history, false, "run-history")));
  runDate.addEventListener("change", refreshReach);
  refreshReach();
}

function defaultRunDate(campaign) {
  const today = fmt.today();
  if (today < campaign.startDate) return campaign.startDate;
  if (today > campaign.endDate) return campaign.endDate;
  return today;
}

// Holdout keeps back its share of those the table selects; the cap then keeps the highest priorities.
function expectedSelected(report, campaign) {
  const afterHoldout = Math.round(report.selectedLive * (1 - (campaign.holdoutPercent || 0) / 100));
  return campaign.maxCustomers ? Math.min(campaign.maxCustomers, afterHoldout) : afterHoldout;
}

function showReach(panel, report, campaign, customersAbout) {
  const done = report.status === "COMPLETED";
  const holdout = Math.round(report.selectedLive * (campaign.holdoutPercent || 0) / 100);
  fill(panel,
    h("p", { id: "reach-status" }, done
      ? `Computed over ${fmt.int(report.processed)} stored customers for ${fmt.date(report.runDate)}, at ${fmt.dateTime(report.finishedAt)}.`
      : report.status === "RUNNING" ? `Evaluating… ${fmt.int(report.processed)} customers so far`
        + (customersAbout > report.processed ? ` of about ${fmt.int(customersAbout)}.` : ".")
        : `The preview failed: ${report.failure || report.status}`),
    report.status === "RUNNING" && customersAbout > report.processed
      ? progressBar(report.processed / customersAbout, "reach preview progress") : null,
    figures([
      ["selected by the live table", fmt.int(report.selectedLive), "reach-selected"],
      ["expected after holdout and cap", "≈ " + fmt.int(expectedSelected(report, campaign)), "reach-expected"],
      ["cap", campaign.maxCustomers ? fmt.int(campaign.maxCustomers) : "none", "reach-cap"],
    ]),
    bars([
      ["Stored customers evaluated", report.processed],
      ["Selected by the table", report.selectedLive, "SELECTED"],
      ["Held out (about)", holdout, "HOLDOUT"],
      ...(campaign.maxCustomers ? [["Cap", campaign.maxCustomers, "CAPPED"]] : []),
    ], fmt.int, { "aria-label": "reach chart", id: "reach-chart" }),
    h("p", { class: "note" }, "What these numbers are: the impact preview of a copy of the live table, over every stored customer on the "
      + "run date, with the consent and fraud policies applied. Holdout is estimated from its share; contact pressure and "
      + "the cap's choice by priority are only known after a run."));
}
