// A run's page: live progress while it runs, then its counts by outcome and reason, the selected customers, the
// exports and the delivery of its events. Also the list of recent runs.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { POLL_MS } from "./config.js";
import { h, fill, table, badge, figures, bars, message, facts, progressBar } from "./ui.js";
import { recentRuns } from "./history.js";
import { runsTable } from "./runs-table.js";

export async function runsPage(el, view) {
  const runs = await recentRuns();
  if (!view.alive()) return;
  fill(el, h("h1", null, "Runs"), h("p", { class: "note" }, "The 50 newest runs of every campaign."), runsTable(runs, true, "runs"));
}

export async function runPage(el, runId, view) {
  let run = await api.get("/selections/" + api.enc(runId));
  if (!view.alive()) return;
  const progress = h("section", { class: "card", id: "progress", "aria-labelledby": "progress-title" });
  const results = h("div", { id: "results" });
  const actions = h("div", { id: "run-actions" });
  fill(el,
    h("p", { class: "crumbs" }, h("a", { href: "#/runs" }, "Runs"), " / ", h("a", { href: "#/campaigns/" + api.enc(run.campaignId) }, run.campaignId)),
    h("h1", null, `Run of ${run.campaignId} for ${fmt.date(run.runDate)} `, h("span", { id: "run-status" }, badge(run.status))),
    facts([["Run", h("code", null, run.runId)], ["Table version", h("code", null, run.modelVersion)],
      ["Started", fmt.dateTime(run.startedAt)]]),
    actions, progress, results);

  function showActions() {
    const editor = api.hasRole("editor");
    fill(actions,
      run.status === "RUNNING" && editor
        ? h("button", { class: "danger", id: "cancel-run", onclick: cancel }, "Cancel run") : null,
      run.status === "FAILED"
        ? message("error", "The run failed: " + (run.failure || "no reason given")) : null,
      run.status === "FAILED" && editor
        ? h("button", { id: "resume-run", onclick: resume }, "Resume from its checkpoints") : null,
      run.status === "RUNNING" && run.waitingForStoreSince
        ? message("info", `Waiting for the store since ${fmt.dateTime(run.waitingForStoreSince)} `
          + `(${fmt.int(run.storeRetries || 0)} retries so far): ${run.lastStoreError || ""}. `
          + "The run goes on by itself when the store answers again.") : null);
  }

  async function resume() {
    const answer = await api.request("POST", "/selections/" + api.enc(runId) + "/resume");
    if (!answer.ok) { fill(actions, message("error", "Not resumed: " + api.problemText(answer))); return; }
    fill(results);
    await update();
    if (run.status === "RUNNING") view.every(POLL_MS, update);
  }

  async function cancel() {
    const answer = await api.request("DELETE", "/selections/" + api.enc(runId));
    if (!answer.ok) fill(actions, message("error", "Not cancelled: " + api.problemText(answer)));
    else await update();
  }

  async function update() {
    const answer = await api.request("GET", "/selections/" + api.enc(runId));
    if (!view.alive()) return;
    if (!answer.ok) { fill(progress, message("error", api.problemText(answer))); return; }
    const wasRunning = run.status === "RUNNING";
    run = answer.body;
    fill(el.querySelector("#run-status"), badge(run.status));
    showProgress(progress, run);
    showActions();
    if (run.status !== "RUNNING" && (wasRunning || results.childElementCount === 0)) {
      view.timers.forEach(clearInterval);
      await showResults(results, run, view);
    }
  }

  showActions();
  showProgress(progress, run);
  if (run.status === "RUNNING") view.every(POLL_MS, update);
  else await showResults(results, run, view);
}

function showProgress(el, run) {
  const total = run.totalCustomers || run.estimatedCustomers || 0;
  const running = run.status === "RUNNING";
  // Without a customer count, the share of segments done is the honest measure of progress.
  const share = !running && run.status === "COMPLETED" ? 1
    : total > 0 ? Math.min(1, run.processed / total) : run.segments ? run.segmentsDone / run.segments : 0;
  const end = run.finishedAt ? new Date(run.finishedAt) : new Date();
  const seconds = Math.max(0.001, (end - new Date(run.startedAt)) / 1000);
  const rate = run.processed / seconds;
  const left = running ? (run.estimatedSecondsLeft ?? (total > run.processed && rate > 0 ? (total - run.processed) / rate : null)) : 0;
  fill(el,
    h("h2", { id: "progress-title" }, "Progress"),
    progressBar(share, "run progress"),
    h("p", { id: "progress-text" }, h("strong", { id: "progress-percent" }, fmt.share(share)), " — ",
      total > 0 ? `${fmt.int(run.processed)} of ${fmt.int(Math.max(total, run.processed))} customers` : `${fmt.int(run.processed)} customers`,
      `, segments ${run.segmentsDone} of ${run.segments}`),
    figures([
      ["customers per second", fmt.int(rate), "progress-rate"],
      ["time left", running ? (left === null ? "not known yet" : fmt.duration(left)) : "done", "progress-left"],
      [running ? "running for" : "took", fmt.duration(seconds)],
    ]),
    run.failure ? message("error", "The run failed: " + run.failure) : null);
}

async function showResults(el, run, view) {
  const rejected = Object.entries(run.rejected || {}).sort((a, b) => b[1] - a[1]);
  const rejectedTotal = rejected.reduce((sum, [, n]) => sum + n, 0);
  const selectedList = h("div", { id: "selected-customers" });
  const delivery = h("div", { id: "delivery" });
  const exportMessage = h("div");
  const byDiscount = h("div", { id: "discount-chart-panel" }, h("p", { class: "muted" }, "Counting…"));
  const download = (format) => async () => {
    try {
      await api.download(`/selections/${api.enc(run.runId)}/export?format=${format}`, `selection-${run.runId}.${format}`);
    } catch (e) {
      fill(exportMessage, message("error", e.message));
    }
  };
  fill(el,
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "outcome-title" },
        h("h2", { id: "outcome-title" }, "Customers by outcome"),
        bars([["Selected", run.selected, "SELECTED"], ["Held out", run.heldOut, "HOLDOUT"],
          ["Capped", run.capped, "CAPPED"], ["Not selected", rejectedTotal, "REJECTED"]], fmt.int,
        { "aria-label": "customers by outcome", id: "outcome-chart" })),
      h("section", { class: "card", "aria-labelledby": "reason-title" },
        h("h2", { id: "reason-title" }, "Not selected, by reason"),
        rejected.length ? bars(rejected.map(([reason, n]) => [fmt.reason(reason), n, "REJECTED"]), fmt.int,
          { "aria-label": "not selected by reason", id: "reason-chart" }) : h("p", { class: "muted" }, "Nobody was turned down."),
        run.modelErrors ? message("error", `${fmt.int(run.modelErrors)} customers could not be decided (model error), e.g. ${(run.modelErrorCustomers || []).join(", ")}`) : null)),
    h("section", { class: "card", "aria-labelledby": "discount-title" },
      h("h2", { id: "discount-title" }, "Selected, by discount and reason"), byDiscount),
    h("section", { class: "card", "aria-labelledby": "export-title" },
      h("h2", { id: "export-title" }, "Export and delivery"),
      h("div", { class: "toolbar" },
        h("button", { id: "export-csv", onclick: download("csv") }, "Download CSV"),
        h("button", { id: "export-ndjson", onclick: download("ndjson") }, "Download NDJSON")),
      exportMessage, delivery),
    h("section", { class: "card", "aria-labelledby": "selected-title" },
      h("h2", { id: "selected-title" }, `Selected customers (${fmt.int(run.selected)})`), selectedList));
  await Promise.all([showDelivery(delivery, run, view), selectedCustomers(selectedList, run, view), showByDiscount(byDiscount, run, view)]);
}

async function showDelivery(el, run, view) {
  const [delivery, outbox] = await Promise.all([
    api.request("GET", `/selections/${api.enc(run.runId)}/delivery`), api.request("GET", "/outbox")]);
  if (!delivery.ok) { fill(el, message("error", api.problemText(delivery))); return; }
  const d = delivery.body;
  const o = outbox.ok ? outbox.body : null;
  // The relay hands events over in the background: follow it until none of the run's is waiting.
  if (d.pending > 0) setTimeout(() => { if (view.alive()) showDelivery(el, run, view); }, 2000);
  fill(el, h("h3", null, "Events of this run (CustomerSelected)"),
    figures([
      ["events (one per selected customer)", fmt.int(d.selected)],
      ["waiting in the outbox", fmt.int(d.pending), "delivery-pending"],
      ["handed over", fmt.int(d.published), "delivery-published"],
    ]),
    o ? h("p", null, "Relay of this instance: ", o.relayRunning ? badge("published", "running") : badge("FAILED", "stopped"),
      o.lastPublishedAt ? ` — last event published ${fmt.dateTime(o.lastPublishedAt)}` : "") : null,
    o && o.lastError ? message("error", `Publishing fails since ${fmt.dateTime(o.failingSince)}: ${o.lastError}`) : null);
}

// Reading the selected customers page by page is what the run offers for this; a chart needs no more than this many.
const COUNTED = 50_000;

async function showByDiscount(el, run, view) {
  const groups = new Map();
  let cursor = null;
  let counted = 0;
  do {
    const answer = await api.request("GET", `/selections/${api.enc(run.runId)}/customers?limit=1000` + (cursor ? "&cursor=" + api.enc(cursor) : ""));
    if (!view.alive()) return;
    if (!answer.ok) { fill(el, message("error", api.problemText(answer))); return; }
    for (const c of answer.body.items) {
      const key = `${fmt.points(c.discountPercent)} — ${fmt.reason(c.reason)}`;
      groups.set(key, { discount: c.discountPercent, count: (groups.get(key)?.count ?? 0) + 1 });
    }
    counted += answer.body.items.length;
    cursor = answer.body.nextCursor;
  } while (cursor && counted < COUNTED);
  const items = [...groups.entries()].sort((a, b) => b[1].discount - a[1].discount || b[1].count - a[1].count);
  fill(el, items.length === 0 ? h("p", { class: "muted" }, "Nobody was selected.")
    : bars(items.map(([label, g]) => [label, g.count, "SELECTED"]), fmt.int, { "aria-label": "selected by discount and reason", id: "discount-chart" }),
  cursor ? h("p", { class: "note" }, `Counted over the first ${fmt.int(counted)} selected customers.`) : null);
}

const PAGE = 50;

async function selectedCustomers(el, run, view) {
  const pages = [null];
  const search = h("input", { id: "customer-search", type: "search", placeholder: "C-000000123" });
  const found = h("div", { id: "search-result" });
  const list = h("div");
  async function show(index) {
    const cursor = pages[index];
    const answer = await api.request("GET", `/selections/${api.enc(run.runId)}/customers?limit=${PAGE}` + (cursor ? "&cursor=" + api.enc(cursor) : ""));
    if (!view.alive()) return;
    if (!answer.ok) { fill(list, message("error", api.problemText(answer))); return; }
    pages[index + 1] = answer.body.nextCursor;
    fill(list,
      table([
        ["Customer", (c) => h("a", { href: "#/customers/" + api.enc(c.customerId) }, c.customerId)],
        ["Discount", (c) => fmt.points(c.discountPercent), "num"],
        ["Reason", (c) => fmt.reason(c.reason)],
        ["Event id", (c) => h("code", null, c.eventId)],
      ], answer.body.items, "No customer was selected.", { id: "selected-table" }),
      h("div", { class: "toolbar" },
        h("button", { id: "page-previous", disabled: index === 0, onclick: () => show(index - 1) }, "Previous"),
        h("span", { class: "muted" }, `Page ${index + 1}`),
        h("button", { id: "page-next", disabled: !answer.body.nextCursor, onclick: () => show(index + 1) }, "Next")));
  }
  async function find(event) {
    event.preventDefault();
    const id = search.value.trim();
    if (!id) return;
    const answer = await api.request("GET", `/customers/${api.enc(id)}/selections`);
    const mine = answer.ok ? answer.body.find((r) => r.runId === run.runId) : null;
    fill(found, mine
      ? message(mine.outcome === "SELECTED" ? "ok" : "info", `${id}: ${mine.outcome}` + (mine.outcome === "SELECTED" ? `, ${fmt.points(mine.discountPercent)}` : "") + ` — ${fmt.reason(mine.reason)}`)
      : message("info", answer.ok || answer.status === 404 ? `${id} has no stored outcome in this run.` : api.problemText(answer)),
    h("a", { href: "#/customers/" + api.enc(id) }, `Open ${id}`));
  }
  fill(el, h("form", { class: "toolbar", onsubmit: find, role: "search" },
    h("div", null, h("label", { for: "customer-search" }, "Find a customer in this run"), search),
    h("button", { type: "submit" }, "Find")), found, list);
  await show(0);
}
