// The impact preview as a separate action beside the reach, for editors and approvers: it decides every stored
// customer (the reach counts in the index), so it answers what the index cannot count, and for a draft who enters and
// who leaves. Its progress is drawn against the customer count of the newest run (about the stored customers).
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, figures, message, progressBar } from "./ui.js";

export const mayPreview = () => api.hasRole("editor") || api.hasRole("approver");

async function customersAbout() {
  const newest = await api.request("GET", "/selections?limit=1");
  return newest.ok && newest.body[0] ? newest.body[0].estimatedCustomers : 0;
}

function reportView(report, about, draft) {
  const running = report.status === "RUNNING";
  return [
    h("p", { id: "impact-status" }, report.status === "COMPLETED"
      ? `Impact preview: decided ${fmt.int(report.processed)} stored customers for ${fmt.date(report.runDate)}, at ${fmt.dateTime(report.finishedAt)}.`
      : running ? `Impact preview: deciding… ${fmt.int(report.processed)} customers so far`
        + (about > report.processed ? ` of about ${fmt.int(about)}.` : ".")
        : `The impact preview failed: ${report.failure || report.status}`),
    running && about > report.processed ? progressBar(report.processed / about, "impact preview progress") : null,
    figures([
      ["selected by the live table", fmt.int(report.selectedLive), "impact-selected-live"],
      ...(draft ? [
        ["selected by the draft", fmt.int(report.selectedDraft), "impact-selected-draft"],
        ["entering", fmt.int(report.entering), "impact-entering"],
        ["leaving", fmt.int(report.leaving), "impact-leaving"],
        ["discount changed", fmt.int(report.discountChanged), "impact-discount-changed"],
      ] : []),
    ]),
    h("p", { class: "note" }, "Every stored customer decided on the run date, consent and fraud applied; holdout, contact "
      + "pressure and the cap are not."),
  ];
}

/**
 * The action and its panel, or null for a role that may not start a preview. `run(progress, alive, fresh)` starts
 * (or finds) the preview for the page's current run date; `reset()` forgets it when the date changes.
 */
export function impactAction(view, run, draft) {
  if (!mayPreview()) return null;
  const panel = h("div", { id: "impact", "aria-live": "polite" });
  let token = 0;
  async function go(fresh) {
    const mine = ++token;
    const alive = () => view.alive() && mine === token;
    fill(panel, h("p", { class: "muted" }, "Starting the impact preview…"));
    try {
      const about = await customersAbout();
      await run((report) => fill(panel, reportView(report, about, draft)), alive, fresh);
    } catch (e) {
      if (alive()) fill(panel, message("error", e.message, "impact-error"));
    }
  }
  const element = h("div", { class: "impact" },
    h("div", { class: "toolbar" },
      h("button", { id: "impact-preview", onclick: () => go(false) }, "Impact preview (decides every customer)"),
      h("button", { id: "impact-again", onclick: () => go(true) }, "Preview again")),
    panel);
  return { element, reset: () => { token++; fill(panel); } };
}
