// Reach for a run date, until the service has its own reach endpoint: the impact preview of a draft identical to
// the live version. Such a draft changes nothing, so the preview's "selected now" is the number of stored
// customers the live table selects on that date, with the policies (consent, fraud) applied and without holdout,
// contact pressure and cap. The identical draft is saved once per live version and reused; publishing it would
// change nothing.
import * as api from "./api.js";
import { POLL_MS } from "./config.js";

async function identicalDraft(model, liveVersion) {
  const drafts = await api.get(`/decision-models/${api.enc(model)}/drafts`);
  const same = drafts.find((d) => d.version === liveVersion);
  if (same) return same.draftId;
  const xml = await api.request("GET", `/decision-models/${api.enc(model)}/dmn`);
  if (!xml.ok) throw new Error(api.problemText(xml));
  const saved = await api.request("POST", `/decision-models/${api.enc(model)}/drafts`, xml.body, "application/xml");
  if (!saved.ok) throw new Error("The live table could not be copied for the preview: " + api.problemText(saved));
  return saved.body.draftId;
}

// A preview goes over every stored customer: one already made for this table version and date is shown again
// rather than started anew, for as long as the instance that made it keeps it (the latest 50, in memory).
const KEY = "selektor.reach";
const known = () => JSON.parse(sessionStorage.getItem(KEY) || "{}");

async function earlier(key) {
  const location = known()[key];
  if (!location) return null;
  const answer = await api.request("GET", location);
  return answer.ok && answer.body.status !== "FAILED" ? location : null;
}

async function start(model, liveVersion, runDate) {
  const draftId = await identicalDraft(model, liveVersion);
  const started = await api.request("POST", `/decision-models/${api.enc(model)}/drafts/${draftId}/impact`, { runDate });
  if (started.status !== 202) throw new Error(api.problemText(started));
  return started.location;
}

/**
 * Runs the preview for `runDate` (or, unless `fresh`, finds the one already made) and calls `progress(report)` on every poll
 * until it ends; answers the last report. `alive()` false stops polling (the user left the page or asked for another date).
 */
export async function reach(model, runDate, progress, alive, fresh) {
  const info = await api.get(`/decision-models/${api.enc(model)}`);
  const key = `${model}|${info.liveVersion}|${runDate}`;
  const location = (!fresh && (await earlier(key))) || (await start(model, info.liveVersion, runDate));
  sessionStorage.setItem(KEY, JSON.stringify({ ...known(), [key]: location }));
  for (;;) {
    const report = await api.get(location);
    if (!alive()) return report;
    progress(report);
    if (report.status !== "RUNNING") return report;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
