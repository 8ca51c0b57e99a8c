// Which runs exist. The service lists a campaign's runs and the recent runs across campaigns; where an older
// service does not have those lists yet, the runs started from this browser (remembered here) stand in, and the
// page says so.
import { request, enc } from "./api.js";

const KEY = "selektor.runs";

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "[]");
  } catch {
    return [];
  }
}

/** Remembers a run this browser started, newest first. */
export function remember(runId, campaignId) {
  const runs = remembered().filter((r) => r.runId !== runId);
  runs.unshift({ runId, campaignId });
  localStorage.setItem(KEY, JSON.stringify(runs.slice(0, 100)));
}

async function rememberedViews(filter) {
  const views = await Promise.all(remembered().filter(filter).map((r) => request("GET", "/selections/" + enc(r.runId))));
  return views.filter((a) => a.ok).map((a) => a.body);
}

/** {runs: [run view, newest first], complete: whether this is the service's list}. */
export async function campaignRuns(campaignId) {
  const answer = await request("GET", `/campaigns/${enc(campaignId)}/selections`);
  if (answer.ok && Array.isArray(answer.body)) return { runs: answer.body, complete: true };
  return { runs: await rememberedViews((r) => r.campaignId === campaignId), complete: false };
}

export async function recentRuns() {
  const answer = await request("GET", "/selections?limit=50");
  if (answer.ok && Array.isArray(answer.body)) return { runs: answer.body, complete: true };
  return { runs: await rememberedViews(() => true), complete: false };
}

export const PARTIAL_NOTE = "This service does not list runs yet: shown are the runs started from this browser.";
