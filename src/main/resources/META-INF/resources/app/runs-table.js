// A list of runs as a table, shared by a campaign's run history and the recent runs of every campaign.
import { enc } from "./api.js";
import * as fmt from "./format.js";
import { h, table, badge } from "./ui.js";

export function runsTable(runs, withCampaign, id) {
  return table([
    ["Run", (r) => h("a", { href: "#/runs/" + enc(r.runId), "data-run": r.runId }, r.runId.substring(0, 8))],
    ...(withCampaign ? [["Campaign", (r) => h("a", { href: "#/campaigns/" + enc(r.campaignId) }, r.campaignId)]] : []),
    ["Run date", (r) => fmt.date(r.runDate)],
    ["Status", (r) => badge(r.status)],
    ["Started", (r) => fmt.dateTime(r.startedAt)],
    ["Finished", (r) => fmt.dateTime(r.finishedAt)],
    ["Customers", (r) => fmt.int(r.processed), "num"],
    ["Selected", (r) => fmt.int(r.selected), "num"],
    ["Table version", (r) => h("code", null, r.modelVersion)],
  ], runs, "No runs yet.", { id });
}
