// Audience questions: how many customers meet some conditions on a run date, broken down by segment, country,
// category or revenue band, with a few sample ids that open the customer's page. Counted in the customer index
// (POST /audience/count); the service names every bad field and the form shows each message beside its field.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, table, figures, message } from "./ui.js";
import { freshness, indexRefusal } from "./customer-index.js";

const SEGMENTS = ["NEW", "REGULAR", "VIP", "DORMANT"];
const BREAKDOWNS = [["segment", "Segment"], ["country", "Country"], ["categories", "Category"], ["revenueBand", "Revenue band (EUR)"]];

const listOf = (input) => input.value.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
// A number field sends a number; whatever else was typed goes as typed, and the service names what is wrong with it.
const numberOf = (input) => {
  const raw = input.value.trim();
  return raw === "" ? null : isNaN(Number(raw)) ? raw : Number(raw);
};

export async function audiencePage(el, view) {
  const fields = new Map();
  // A labelled control with its hint and the place for the service's message about it.
  function field(key, label, control, hint, wide) {
    const id = "aud-" + key;
    control.id = control.id || id;
    control.setAttribute("aria-describedby", `${id}-hint ${id}-error`);
    const error = h("div", { class: "field-error", id: `${id}-error` });
    fields.set(key, { control, error, label });
    return h("div", { class: wide ? "wide" : null }, h("label", { for: control.id }, label), control,
      hint ? h("div", { class: "note", id: `${id}-hint` }, hint) : null, error);
  }
  // Checkboxes in a fieldset: the group is the field the service's messages name.
  function boxes(key, legend, options, checked) {
    const inputs = new Map(options.map(([value, label]) => [value,
      h("input", { type: "checkbox", id: `aud-${key}-${value}`, value, checked: checked.includes(value) })]));
    const error = h("div", { class: "field-error", id: `aud-${key}-error` });
    const group = h("fieldset", { class: "wide boxes", id: `aud-${key}`, "aria-describedby": `aud-${key}-error` },
      h("legend", null, legend),
      [...inputs].map(([value, input]) => h("label", { class: "box" }, input, " ", options.find(([v]) => v === value)[1])), error);
    fields.set(key, { control: group, error, label: legend });
    return [group, () => [...inputs].filter(([, input]) => input.checked).map(([value]) => value)];
  }
  const input = (attributes) => h("input", attributes);
  const yesNo = () => h("select", null, h("option", { value: "" }, "either"), h("option", { value: "true" }, "yes"), h("option", { value: "false" }, "no"));
  const c = {
    runDate: input({ type: "date", value: fmt.today() }),
    country: input({ placeholder: "DE, AT" }),
    revenueFrom: input({ type: "number", step: "any", min: 0 }),
    revenueBelow: input({ type: "number", step: "any", min: 0 }),
    ordersFrom: input({ type: "number", step: 1, min: 0 }),
    ordersTo: input({ type: "number", step: 1, min: 0 }),
    categories: input({ placeholder: "electronics, audio" }),
    categoryMode: h("select", null, h("option", { value: "containsAny" }, "any of them"), h("option", { value: "containsAll" }, "all of them")),
    lastOrderDays: input({ type: "number", step: 1, min: 0 }),
    consent: yesNo(),
    fraud: yesNo(),
    samples: input({ type: "number", step: 1, min: 0, value: 10 }),
  };
  const [segmentGroup, segments] = boxes("segment", "Segment (none ticked: every segment)", SEGMENTS.map((s) => [s, s]), []);
  const [breakdownGroup, breakdowns] = boxes("breakdowns", "Break the count down by", BREAKDOWNS, ["segment", "country"]);
  const formError = h("div", { id: "audience-form-error" });
  const result = h("div", { id: "audience-result", "aria-live": "polite" });

  // The question the form asks, and for each filter which field a message about it belongs to.
  function question() {
    const filters = [];
    const owners = [];
    const add = (filter, owner) => { filters.push(filter); owners.push(owner); };
    if (segments().length > 0) add({ fact: "segment", in: segments() }, { "": "segment" });
    if (listOf(c.country).length > 0) add({ fact: "country", in: listOf(c.country).map((s) => s.toUpperCase()) }, { "": "country" });
    const range = (fact, [low, lowKey, lowBound], [high, highKey, highBound]) => {
      const filter = { fact };
      if (numberOf(c[low]) !== null) filter[lowBound] = numberOf(c[low]);
      if (numberOf(c[high]) !== null) filter[highBound] = numberOf(c[high]);
      if (Object.keys(filter).length > 1) add(filter, { "": lowKey, [lowBound]: lowKey, [highBound]: highKey });
    };
    range("revenue12m", ["revenueFrom", "revenueFrom", "gte"], ["revenueBelow", "revenueBelow", "lt"]);
    range("orders12m", ["ordersFrom", "ordersFrom", "gte"], ["ordersTo", "ordersTo", "lte"]);
    if (listOf(c.categories).length > 0) add({ fact: "categories", [c.categoryMode.value]: listOf(c.categories) }, { "": "categories" });
    if (numberOf(c.lastOrderDays) !== null) {
      add({ fact: "lastOrderDate", daysBeforeRunDate: { lte: numberOf(c.lastOrderDays) } }, { "": "lastOrderDays" });
    }
    if (c.consent.value) add({ fact: "marketingConsent", is: c.consent.value === "true" }, { "": "consent" });
    if (c.fraud.value) add({ fact: "fraudFlag", is: c.fraud.value === "true" }, { "": "fraud" });
    const body = { runDate: c.runDate.value || undefined, filters, breakdowns: breakdowns(), samples: numberOf(c.samples) ?? 0 };
    return { body, owners };
  }

  // "/filters/2/lt" belongs to the field of that filter's bound; "/samples" to the samples field.
  function fieldOf(pointer, owners) {
    const parts = (pointer || "").split("/");
    if (parts[1] === "filters") {
      const owner = owners[Number(parts[2])];
      return owner ? owner[parts[3]] || owner[""] : null;
    }
    return { runDate: "runDate", samples: "samples", breakdowns: "breakdowns" }[parts[1]] || null;
  }

  function clearErrors() {
    fields.forEach(({ control, error }) => { error.textContent = ""; control.removeAttribute("aria-invalid"); });
    fill(formError);
  }

  function showErrors(answer, owners) {
    const list = answer.body && Array.isArray(answer.body.errors) ? answer.body.errors : [];
    const lines = list.map(({ field: pointer, message: text }) => {
      const key = fieldOf(pointer, owners);
      const target = key && fields.get(key);
      if (target) {
        target.control.setAttribute("aria-invalid", "true");
        target.error.textContent = target.error.textContent ? `${target.error.textContent}; ${text}` : text;
      }
      return h("li", null, target ? `${target.label.replace(/ \(.*\)$/, "")} ` : "", h("code", null, pointer || "/"), `: ${text}`);
    });
    fill(formError, h("div", { class: "message error", role: "alert" }, api.problemText(answer), lines.length > 0 ? h("ul", null, lines) : null));
    const first = list.map((e) => fields.get(fieldOf(e.field, owners))).find(Boolean);
    if (first) first.control.focus();
  }

  async function count(event) {
    event.preventDefault();
    clearErrors();
    const { body, owners } = question();
    fill(result, h("p", { class: "muted" }, "Counting in the customer index…"));
    const answer = await api.request("POST", "/audience/count", body);
    if (!view.alive()) return;
    if (answer.ok) { fill(result, answerView(answer.body, body)); return; }
    fill(result);
    if (answer.status === 400) showErrors(answer, owners);
    else fill(formError, message("error", indexRefusal(answer), "audience-error"));
  }

  fill(el, h("h1", null, "Audience"),
    h("p", { class: "note" }, "How many customers meet every condition on a run date, counted in the customer index. "
      + "An empty field does not limit. Days before the run date are counted as a decision table counts them."),
    formError,
    h("form", { class: "grid", id: "audience-form", novalidate: true, onsubmit: count },
      field("runDate", "Run date", c.runDate, null),
      field("country", "Country", c.country, "Country codes, separated by commas"),
      segmentGroup,
      field("revenueFrom", "Revenue 12 months from (EUR)", c.revenueFrom, "At least this much"),
      field("revenueBelow", "Revenue 12 months below (EUR)", c.revenueBelow, "Less than this"),
      field("ordersFrom", "Orders 12 months from", c.ordersFrom, "At least this many"),
      field("ordersTo", "Orders 12 months up to", c.ordersTo, "At most this many"),
      field("categories", "Bought in the categories", c.categories, "Separated by commas"),
      field("categoryMode", "Of those categories", c.categoryMode, null),
      field("lastOrderDays", "Last order within (days before the run date)", c.lastOrderDays, "Customers who never ordered do not count"),
      field("consent", "Marketing consent", c.consent, null),
      field("fraud", "Fraud suspected", c.fraud, null),
      breakdownGroup,
      field("samples", "Sample customer ids", c.samples, "How many ids to list (the first in id order)"),
      h("div", { class: "wide toolbar" }, h("button", { type: "submit", class: "primary", id: "audience-count" }, "Count"))),
    result);
}

function answerView(answer, asked) {
  const breakdowns = Object.entries(answer.breakdowns || {});
  return h("section", { class: "card", "aria-labelledby": "audience-answer-title" },
    h("h2", { id: "audience-answer-title" }, `Audience on ${fmt.date(asked.runDate || fmt.today())}`),
    figures([["customers meet every condition", fmt.int(answer.count), "audience-count-value"]]),
    breakdowns.map(([name, counts]) => [
      h("h3", null, "By " + (BREAKDOWNS.find(([n]) => n === name)?.[1] || name).toLowerCase()),
      name === "categories" ? h("p", { class: "note" }, "A customer counts once for each category they bought in.") : null,
      breakdownTable(name, counts, answer.count)]),
    h("h3", null, "Sample customers"),
    (answer.samples || []).length === 0 ? h("p", { class: "muted" }, "None asked for, or none meet the conditions.")
      : h("ul", { class: "samples", id: "audience-samples" }, answer.samples.map((id) =>
        h("li", null, h("a", { href: "#/customers/" + api.enc(id), "data-customer": id }, id)))),
    freshness(answer, "audience-freshness"));
}

function breakdownTable(name, counts, total) {
  const rows = Object.entries(counts).sort(([, a], [, b]) => b - a);
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return table([
    ["Value", ([value]) => h("span", { "data-value": value }, value)],
    ["Customers", ([, n]) => fmt.int(n), "num"],
    ["Share of the count", ([, n]) => fmt.share(total > 0 ? n / total : null), "num"],
    ["", ([, n]) => h("div", { class: "track" }, h("div", { class: "bar", style: `width: ${(n / max) * 100}%` })), "bar-cell"],
  ], rows, "No customers.", { id: "breakdown-" + name, class: "breakdown" });
}
