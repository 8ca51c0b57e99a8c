// A decision table's reach on a run date, from the service's reach endpoints: per row of its Selection table the
// customers that row decides under the hit policy (counted in the customer index, consent and fraud applied first),
// totals by discount, the policies' rejections, those no row matches and the expected holdout. Any role but the
// service's may ask, viewers too.
import * as api from "./api.js";
import { indexRefusal } from "./customer-index.js";

const base = (model) => `/decision-models/${api.enc(model)}`;

/**
 * The live version's reach; `campaignId` (optional) brings its holdout. Answers {ok: true, reach} or {ok: false,
 * status, text, preview}, `preview` true when the index cannot count this table at all (422) and only the impact
 * preview, which decides every stored customer, can tell.
 */
export function liveReach(model, runDate, campaignId) {
  return ask(`${base(model)}/reach`, campaignId ? { runDate, campaignId } : { runDate });
}

/** The same for a draft of the model. */
export function draftReach(model, draftId, runDate) {
  return ask(`${base(model)}/drafts/${api.enc(draftId)}/reach`, { runDate });
}

async function ask(path, body) {
  const answer = await api.request("POST", path, body);
  if (answer.ok) return { ok: true, reach: answer.body };
  // A 422's detail says why the index cannot count the table.
  const text = answer.status === 422 ? api.problemText(answer) : indexRefusal(answer);
  return { ok: false, status: answer.status, text, preview: answer.status === 422 };
}

/** The table a reach's rows belong to: the model's Selection decision, else its first table. */
export const selectionTable = (tables) => tables.find((t) => t.decision === "Selection") || tables[0];
