// What the pages say about the customer index that answers reach and audience questions: how fresh an answer is,
// and a refusal in words (503 when the index is down or not built, with how long to wait).
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h } from "./ui.js";

const lag = (seconds) => (seconds < 60 ? `${fmt.num(seconds)} s` : fmt.duration(seconds));

/** "Index as of …, 0,8 s behind the customers table; answered in 42 ms." for an answer with asOf and indexLagSeconds. */
export function freshness(answer, id) {
  return h("p", { class: "note index-freshness", id },
    `Customer index as of ${fmt.dateTime(answer.asOf)}, ${lag(answer.indexLagSeconds ?? 0)} behind the customers table; `
    + `answered in ${fmt.int(answer.tookMs)} ms.`);
}

/** A refused question as a sentence; a 503 says that the index is not available and when to try again. */
export function indexRefusal(answer) {
  const detail = answer.body && typeof answer.body === "object" && answer.body.detail ? ` (${answer.body.detail})` : "";
  if (answer.status === 503) {
    const wait = answer.retryAfter !== null && answer.retryAfter !== undefined ? `in ${fmt.int(answer.retryAfter)} s` : "in a moment";
    return `The customer index is not available; try again ${wait}.${detail}`;
  }
  return api.problemText(answer);
}
