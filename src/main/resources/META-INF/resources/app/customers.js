// Customers: look one up by id, read their facts and every stored outcome, and ask "why (not)?" for any campaign.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, table, badge, facts, message } from "./ui.js";
import { explanationView } from "./explain.js";

export async function customersPage(el, customerId, view) {
  const lookup = h("input", { id: "customer-id", value: customerId || "", placeholder: "C-000000123", required: true });
  const result = h("div", { id: "customer" });
  fill(el, h("h1", null, "Customers"),
    h("form", { class: "toolbar", role: "search", onsubmit: (event) => {
      event.preventDefault();
      location.hash = "#/customers/" + api.enc(lookup.value.trim());
    } }, h("div", null, h("label", { for: "customer-id" }, "Customer id"), lookup),
    h("button", { type: "submit", class: "primary", id: "look-up" }, "Look up")),
    result);
  if (!customerId) { lookup.focus(); return; }
  const [customer, outcomes, campaigns] = await Promise.all([
    api.request("GET", "/customers/" + api.enc(customerId)),
    api.request("GET", `/customers/${api.enc(customerId)}/selections`),
    api.get("/campaigns"),
  ]);
  if (!view.alive()) return;
  if (!customer.ok) { fill(result, message("error", customer.status === 404 ? `There is no customer ${customerId}.` : api.problemText(customer), "customer-error")); return; }
  const c = customer.body;
  const models = new Map(campaigns.map((x) => [x.campaignId, x.decisionModel]));
  const why = h("div", { id: "why-panel", "aria-live": "polite" });
  const campaign = h("select", { id: "why-campaign" }, campaigns.map((x) => h("option", { value: x.campaignId }, x.name)));
  const runDate = h("input", { type: "date", id: "why-date", value: fmt.today() });

  async function explain(decision) {
    fill(why, h("p", { class: "muted" }, "Explaining…"));
    fill(why, await explanationView(decision, models.get(decision.campaignId)));
    why.scrollIntoView({ block: "nearest" });
  }

  async function askWhy(event) {
    event.preventDefault();
    const answer = await api.request("POST", `/campaigns/${api.enc(campaign.value)}/decisions`, { customerId, runDate: runDate.value });
    if (!answer.ok) { fill(why, message("error", api.problemText(answer))); return; }
    await explain(answer.body);
  }

  const stored = outcomes.ok ? outcomes.body : [];
  fill(result,
    h("div", { class: "columns" },
      h("section", { class: "card", "aria-labelledby": "facts-title" }, h("h2", { id: "facts-title" }, c.customerId),
        facts([
          ["Segment", c.segment], ["Country", c.country], ["Born", fmt.date(c.birthDate)], ["Member since", fmt.date(c.memberSince)],
          ["Marketing consent", c.marketingConsent ? "yes" : "no"], ["Fraud flag", c.fraudFlag ? "yes" : "no"],
          ["Orders (12 months)", fmt.int(c.orders12m)], ["Revenue (12 months)", `${fmt.num(c.revenue12m)} EUR`],
          ["Return rate (12 months)", fmt.share(c.returnRate12m)], ["Last order", c.lastOrderDate ? fmt.date(c.lastOrderDate) : "never"],
          ["Categories", (c.categories || []).join(", ") || "none"],
        ])),
      h("section", { class: "card", "aria-labelledby": "ask-title" }, h("h2", { id: "ask-title" }, "Why (not)?"),
        h("p", { class: "note" }, "What the live table and the policies decide today for this customer's stored facts, on the run date you choose."),
        h("form", { class: "toolbar", onsubmit: askWhy },
          h("div", null, h("label", { for: "why-campaign" }, "Campaign"), campaign),
          h("div", null, h("label", { for: "why-date" }, "Run date"), runDate),
          h("button", { type: "submit", class: "primary", id: "ask-why" }, "Why (not)?")))),
    h("section", { class: "card", "aria-labelledby": "why-title" }, h("h2", { id: "why-title" }, "Explanation"), why),
    h("section", { class: "card", "aria-labelledby": "outcomes-title" }, h("h2", { id: "outcomes-title" }, "Stored outcomes of runs"),
      outcomes.ok ? null : message("error", api.problemText(outcomes)),
      table([
        ["Run date", (o) => fmt.date(o.runDate)],
        ["Campaign", (o) => h("a", { href: "#/campaigns/" + api.enc(o.campaignId) }, o.campaignId)],
        ["Outcome", (o) => badge(o.outcome)],
        ["Discount", (o) => fmt.points(o.discountPercent), "num"],
        ["Reason", (o) => fmt.reason(o.reason)],
        ["Run", (o) => h("a", { href: "#/runs/" + api.enc(o.runId) }, o.runId.substring(0, 8))],
        ["", (o) => h("button", { class: "why-stored", onclick: () => explain(o) }, "Why?")],
      ], stored, "No run has stored an outcome for this customer.", { id: "outcomes" })));
}
