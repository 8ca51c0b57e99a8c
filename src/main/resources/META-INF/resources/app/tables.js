// Decision tables: every model with its live version, the live table row by row, drafts compared with the live
// version (each draft's own page has its reach beside the live version's) and the audit trail, each change shown as
// a table diff. Editing happens in the decision-table editor.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, table, badge, message } from "./ui.js";
import { parseTables, tableView, modelDiff } from "./dmn.js";
import { versionXml, changedModel } from "./model-versions.js";

const editorLink = (name) => h("a", { class: "button primary", href: "editor/index.html#" + api.enc(name), id: "open-editor" },
  api.hasRole("editor") || api.hasRole("approver") ? "Open in the editor" : "Open in the editor (read-only)");

export async function tablesPage(el, view) {
  const models = await api.get("/decision-models");
  if (!view.alive()) return;
  fill(el, h("h1", null, "Decision tables"),
    h("p", { class: "note" }, "Each campaign's table decides who is selected and with which discount. Editors change a table in the ",
      h("a", { href: "editor/index.html" }, "decision-table editor"), "; an approver publishes it."),
    table([
      ["Table", (m) => h("a", { href: "#/tables/" + api.enc(m.name), "data-model": m.name }, m.name)],
      ["Live version", (m) => h("span", null, `#${m.seq} `, h("code", null, m.liveVersion))],
      ["Published by", (m) => m.author || "–"],
      ["Published", (m) => fmt.dateTime(m.publishedAt)],
      ["dmn/ folder", (m) => (m.folderDiffers ? badge("CAPPED", "differs") : "same")],
    ], models, "No decision tables.", { id: "models" }));
}

export async function tablePage(el, name, view) {
  const base = `/decision-models/${api.enc(name)}`;
  const [info, xml, drafts, audit] = await Promise.all([
    api.get(base), api.request("GET", base + "/dmn"), api.request("GET", base + "/drafts"), api.request("GET", base + "/audit"),
  ]);
  if (!view.alive()) return;
  const liveXml = xml.ok ? xml.body : "";
  const xmlOf = versionXml(api.request, name, api.problemText);
  // A change is drawn when asked for (each needs one or two models fetched), full width below its list.
  const changeButton = (label, title, target, load) => h("button", { onclick: async () => {
    const section = h("section", { class: "change", "aria-label": title }, h("h3", null, title), h("p", { class: "muted" }, "Loading…"));
    target.prepend(section);
    try { fill(section, h("h3", null, title), await load()); } catch (e) { fill(section, h("h3", null, title), message("error", e.message)); }
    section.scrollIntoView({ block: "nearest" });
  } }, label);
  const draftChanges = h("div", { id: "draft-changes" });
  const auditChanges = h("div", { id: "audit-changes" });
  const draftButton = (d) => changeButton("Compare with live", `Draft ${d.draftId.substring(0, 8)} by ${d.author} against the live version`,
    draftChanges, async () => modelDiff(liveXml, await xmlOf(null, d.draftId)));
  const auditButton = (e) => (changedModel(e)
    ? changeButton("Show the change", `${fmt.dateTime(e.at)}, ${e.action.replace("_", " ").toLowerCase()} by ${e.user}`,
      auditChanges, async () => modelDiff(await xmlOf(e.fromVersion), await xmlOf(e.toVersion, e.draftId)))
    : null);
  const draftRows = (drafts.ok ? drafts.body : []).slice().reverse();
  const auditRows = (audit.ok ? audit.body : []).slice().reverse();

  fill(el,
    h("p", { class: "crumbs" }, h("a", { href: "#/tables" }, "Decision tables"), " / ", name),
    h("div", { class: "toolbar" }, h("h1", { style: "flex: 1" }, name), editorLink(name)),
    h("p", null, `Live: version #${info.seq} `, h("code", null, info.liveVersion), `, published by ${info.author || "–"} on ${fmt.dateTime(info.publishedAt)}.`),
    h("section", { class: "card" }, h("h2", null, "The live table"),
      xml.ok ? parseTables(liveXml).map((t) => [h("h3", null, `${t.decision} (hit policy ${t.hitPolicy})`), tableView(t)])
        : message("error", api.problemText(xml))),
    h("section", { class: "card" }, h("h2", null, "Drafts against the live version"),
      drafts.ok ? null : message("info", api.problemText(drafts)),
      table([
        ["Draft", (d) => h("a", { href: `#/tables/${api.enc(name)}/drafts/${api.enc(d.draftId)}`, "data-draft": d.draftId },
          h("code", null, d.draftId.substring(0, 8)))],
        ["Author", (d) => d.author],
        ["Saved", (d) => fmt.dateTime(d.createdAt)],
        ["Regression cases", (d) => (d.lastTests ? `${d.lastTests.passed} passed, ${d.lastTests.failed} failed` : "not run")],
        ["Published as", (d) => (d.publishedAs ? "#" + d.publishedAs : "–")],
        ["Difference", (d) => (d.version === info.liveVersion ? "same as live" : draftButton(d))],
      ], draftRows, "No drafts.", { id: "drafts" }), draftChanges),
    h("section", { class: "card" }, h("h2", null, "Audit trail"),
      h("p", { class: "note" }, "Each change as a table diff: the row, the old value struck through, the new value beside it."),
      audit.ok ? null : message("info", api.problemText(audit)),
      table([
        ["When", (e) => fmt.dateTime(e.at)],
        ["What", (e) => e.action.replace("_", " ").toLowerCase()],
        ["Who", (e) => e.user],
        ["Reason", (e) => e.reason || ""],
        ["Change", (e) => auditButton(e) || h("span", { class: "muted" }, (e.changedRows || []).join("; ") || "no row changed")],
      ], auditRows, "Nothing recorded.", { id: "audit" }), auditChanges));
}
