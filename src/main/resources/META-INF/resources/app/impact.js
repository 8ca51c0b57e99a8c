// The impact preview, kept beside the reach for what the customer index cannot count: it decides every stored
// customer with a draft and with the live version, reading only. For the live table alone it previews a draft
// identical to the live version: such a draft changes nothing, so the preview's "selected now" is the number of
// stored customers the live table selects on that date, policies (consent, fraud) applied, without holdout, contact
// pressure and cap. The identical draft is saved once per live version and reused; publishing it would change nothing.
import * as api from "./api.js";
import { POLL_MS } from "./config.js";

const base = (model) => `/decision-models/${api.enc(model)}`;

async function identicalDraft(model, liveVersion) {
  const drafts = await api.get(`${base(model)}/drafts`);
  const same = drafts.find((d) => d.version === liveVersion);
  if (same) return same.draftId;
  const xml = await api.request("GET", `${base(model)}/dmn`);
  if (!xml.ok) throw new Error(api.problemText(xml));
  const saved = await api.request("POST", `${base(model)}/drafts`, xml.body, "application/xml");
  if (!saved.ok) throw new Error("The live table could not be copied for the preview: " + api.problemText(saved));
  return saved.body.draftId;
}

// A preview goes over every stored customer: one already made for this draft and date is shown again rather than
// started anew, for as long as the instance that made it keeps it (the latest 50, in memory).
const KEY = "selektor.impact";
const known = () => JSON.parse(sessionStorage.getItem(KEY) || "{}");

async function earlier(key) {
  const location = known()[key];
  if (!location) return null;
  const answer = await api.request("GET", location);
  return answer.ok && answer.body.status !== "FAILED" ? location : null;
}

async function start(model, draftId, runDate) {
  const started = await api.request("POST", `${base(model)}/drafts/${api.enc(draftId)}/impact`, { runDate });
  if (started.status !== 202) throw new Error(api.problemText(started));
  return started.location;
}

async function preview(model, draftId, runDate, progress, alive, fresh) {
  const key = `${model}|${draftId}|${runDate}`;
  const location = (!fresh && (await earlier(key))) || (await start(model, draftId, runDate));
  sessionStorage.setItem(KEY, JSON.stringify({ ...known(), [key]: location }));
  for (;;) {
    const report = await api.get(location);
    if (!alive()) return report;
    progress(report);
    if (report.status !== "RUNNING") return report;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Previews a draft against the live version for `runDate` (or, unless `fresh`, finds the preview already made) and
 * calls `progress(report)` on every poll until it ends; answers the last report. `alive()` false stops polling (the
 * user left the page or asked for another date).
 */
export const draftImpact = preview;

/** The same for the live table alone, through a draft identical to it: `report.selectedLive` is its reach. */
export async function liveImpact(model, runDate, progress, alive, fresh) {
  const info = await api.get(base(model));
  return preview(model, await identicalDraft(model, info.liveVersion), runDate, progress, alive, fresh);
}
