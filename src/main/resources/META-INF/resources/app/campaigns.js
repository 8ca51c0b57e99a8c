// The campaigns: a list with each one's dates, model, cap, holdout and last run, and the form that defines one.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, table, badge, message } from "./ui.js";
import { campaignRuns } from "./history.js";

export async function campaignsPage(el, view) {
  const campaigns = await api.get("/campaigns");
  const lastRuns = await Promise.all(campaigns.map((c) => campaignRuns(c.campaignId)));
  if (!view.alive()) return;
  const last = new Map(campaigns.map((c, i) => [c.campaignId, lastRuns[i][0]]));
  fill(el,
    h("div", { class: "toolbar" }, h("h1", { style: "flex: 1" }, "Campaigns"),
      api.hasRole("editor") ? h("a", { class: "button primary", href: "#/campaigns/new", id: "new-campaign" }, "New campaign") : null),
    table([
      ["Campaign", (c) => h("a", { href: "#/campaigns/" + api.enc(c.campaignId), "data-campaign": c.campaignId }, c.name)],
      ["Id", (c) => h("code", null, c.campaignId)],
      ["Runs from", (c) => fmt.date(c.startDate)],
      ["to", (c) => fmt.date(c.endDate)],
      ["Decision table", (c) => h("a", { href: "#/tables/" + api.enc(c.decisionModel) }, c.decisionModel)],
      ["Cap", (c) => (c.maxCustomers ? fmt.int(c.maxCustomers) : "none"), "num"],
      ["Holdout", (c) => fmt.points(c.holdoutPercent || 0), "num"],
      ["Last run", (c) => lastRunCell(last.get(c.campaignId))],
    ], campaigns, "No campaigns yet.", { id: "campaigns" }));
}

function lastRunCell(run) {
  if (!run) return h("span", { class: "muted" }, "never run");
  return h("a", { href: "#/runs/" + api.enc(run.runId) }, badge(run.status), " ",
    `${fmt.int(run.selected)} selected, ${fmt.date(run.runDate)}`);
}

const FIELDS = [
  // [JSON pointer, label, input type, hint]
  ["/campaignId", "Id", "text", "Letters, digits, - and _; fixed once created"],
  ["/name", "Name", "text", "What the marketers call it"],
  ["/decisionModel", "Decision table", "select", "The table that decides who is selected"],
  ["/startDate", "Start date", "date", null],
  ["/endDate", "End date", "date", "Runs after this date are refused"],
  ["/maxCustomers", "Cap (most customers selected)", "number", "Empty: no cap"],
  ["/holdoutPercent", "Holdout (%)", "number", "Share of selected customers kept back to measure the effect"],
];

export async function campaignFormPage(el, campaignId, view) {
  const [models, existing] = await Promise.all([
    api.get("/decision-models"),
    campaignId ? api.get("/campaigns/" + api.enc(campaignId)) : Promise.resolve(null),
  ]);
  if (!view.alive()) return;
  const values = existing || { holdoutPercent: 0 };
  const inputs = new Map();
  const errors = new Map();
  const formError = h("div", { id: "form-error" });
  const fields = FIELDS.map(([pointer, label, type, hint]) => {
    const name = pointer.substring(1);
    const id = "field-" + name;
    const value = values[name] === undefined || values[name] === null ? "" : String(values[name]);
    const input = type === "select"
      ? h("select", { id, name }, h("option", { value: "" }, "Choose a table"),
        models.filter((m) => m.campaignModel).map((m) => h("option", { value: m.name, selected: m.name === value }, m.name)))
      : h("input", { id, name, type, value, step: type === "number" ? "any" : null,
        readonly: name === "campaignId" && existing ? true : null, "aria-describedby": `${id}-hint ${id}-error` });
    inputs.set(pointer, input);
    const error = h("div", { class: "field-error", id: `${id}-error` });
    errors.set(pointer, error);
    return h("div", { class: name === "name" ? "wide" : null },
      h("label", { for: id }, label), input,
      hint ? h("div", { class: "note", id: `${id}-hint` }, hint) : null, error);
  });

  async function save(event) {
    event.preventDefault();
    errors.forEach((e) => { e.textContent = ""; });
    inputs.forEach((i) => i.removeAttribute("aria-invalid"));
    fill(formError);
    const id = inputs.get("/campaignId").value.trim();
    const body = {};
    for (const [pointer, input] of inputs) {
      const raw = input.value.trim();
      if (raw === "") continue;
      // A number field sends a number; anything else goes as typed, and the service names what is wrong with it.
      body[pointer.substring(1)] = input.type === "number" && !isNaN(Number(raw)) ? Number(raw) : raw;
    }
    if (id === "") {
      showErrors([{ field: "/campaignId", message: "is required" }]);
      return;
    }
    const answer = await api.request("PUT", "/campaigns/" + api.enc(id), body);
    if (answer.ok) {
      location.hash = "#/campaigns/" + api.enc(id);
      return;
    }
    showErrors(answer.body && answer.body.errors ? answer.body.errors : [], api.problemText(answer));
  }

  function showErrors(list, detail) {
    const elsewhere = [];
    for (const { field, message: text } of list) {
      const input = inputs.get(field);
      if (!input) { elsewhere.push(`${field || "The campaign"}: ${text}`); continue; }
      input.setAttribute("aria-invalid", "true");
      const error = errors.get(field);
      error.textContent = error.textContent ? `${error.textContent}; ${text}` : text;
    }
    if (detail && (elsewhere.length > 0 || list.length === 0)) {
      fill(formError, message("error", [detail, ...elsewhere].join(" ")));
    } else if (list.length > 0) {
      fill(formError, message("error", "Not saved: see the fields marked below."));
    }
    const first = list.map((e) => inputs.get(e.field)).find(Boolean);
    if (first) first.focus();
  }

  fill(el,
    h("p", { class: "crumbs" }, h("a", { href: "#/campaigns" }, "Campaigns"), existing ? [" / ", h("a", { href: "#/campaigns/" + api.enc(campaignId) }, existing.name)] : null),
    h("h1", null, existing ? "Edit " + existing.name : "New campaign"),
    api.hasRole("editor") ? null : message("info", "Only editors define campaigns: the service will refuse to save."),
    formError,
    h("form", { class: "grid", id: "campaign-form", novalidate: true, onsubmit: save }, fields,
      h("div", { class: "wide toolbar" },
        h("button", { type: "submit", class: "primary", id: "save-campaign" }, existing ? "Save changes" : "Create campaign"),
        h("a", { class: "button", href: existing ? "#/campaigns/" + api.enc(campaignId) : "#/campaigns" }, "Cancel"))));
  inputs.get(existing ? "/name" : "/campaignId").focus();
}
