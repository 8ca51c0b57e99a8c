// Decision tables: every model with its live version, the live table row by row, drafts compared with the live
// version and the audit trail, each change shown as a table diff. Editing happens in the decision-table editor.
import * as api from "./api.js";
import * as fmt from "./format.js";
import { h, fill, table, badge, message } from "./ui.js";
import { parseTables, tableView, modelDiff } from "./dmn.js";

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
  const [info, xml, versions, drafts, audit] = await Promise.all([
    api.get(base), api.request("GET", base + "/dmn"), api.get(base + "/versions"),
    api.request("GET", base + "/drafts"), api.request("GET", base + "/audit"),
  ]);
  if (!view.alive()) return;
  const liveXml = xml.ok ? xml.body : "";
  const seqOf = new Map(versions.map((v) => [v.version, v.seq]));
  const xmlOf = async (version, draftId) => {
    const path = seqOf.has(version) ? `${base}/dmn?version=${seqOf.get(version)}` : draftId ? `${base}/drafts/${draftId}/dmn` : null;
    if (!path) throw new Error(`Version ${version} is not stored as a published version or draft.`);
    const answer = await api.request("GET", path);
    if (!answer.ok) throw new Error(api.problemText(answer));
    return answer.body;
  };
  // A change is drawn when asked for: each needs one or two models fetched.
  const changeButton = (label, target, load) => h("button", { onclick: async (event) => {
    event.target.disabled = true;
    try { fill(target, await load()); } catch (e) { fill(target, message("error", e.message)); }
  } }, label);

  const draftRow = (d) => {
    const target = h("div");
    return [d, target, changeButton("Compare with live", target, async () => modelDiff(liveXml, await xmlOf(null, d.draftId)))];
  };
  const auditRow = (e) => {
    const target = h("div");
    const drawable = e.fromVersion && e.toVersion && e.fromVersion !== e.toVersion;
    return [e, target, drawable ? changeButton("Show the change", target,
      async () => modelDiff(await xmlOf(e.fromVersion), await xmlOf(e.toVersion, e.draftId))) : null];
  };
  const draftRows = (drafts.ok ? drafts.body : []).slice().reverse().map(draftRow);
  const auditRows = (audit.ok ? audit.body : []).slice().reverse().map(auditRow);

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
        ["Draft", ([d]) => h("code", null, d.draftId.substring(0, 8))],
        ["Author", ([d]) => d.author],
        ["Saved", ([d]) => fmt.dateTime(d.createdAt)],
        ["Regression cases", ([d]) => (d.lastTests ? `${d.lastTests.passed} passed, ${d.lastTests.failed} failed` : "not run")],
        ["Published as", ([d]) => (d.publishedAs ? "#" + d.publishedAs : "–")],
        ["Difference", ([d, target, button]) => (d.version === info.liveVersion ? "same as live" : h("div", null, button, target))],
      ], draftRows, "No drafts.", { id: "drafts" })),
    h("section", { class: "card" }, h("h2", null, "Audit trail"),
      h("p", { class: "note" }, "Each change as a table diff: the row, the old value struck through, the new value beside it."),
      audit.ok ? null : message("info", api.problemText(audit)),
      table([
        ["When", ([e]) => fmt.dateTime(e.at)],
        ["What", ([e]) => e.action.replace("_", " ").toLowerCase()],
        ["Who", ([e]) => e.user],
        ["Reason", ([e]) => e.reason || ""],
        ["Change", ([e, target, button]) => h("div", null,
          (e.changedRows || []).length === 0 ? h("span", { class: "muted" }, "no row changed") : `${e.changedRows.length} row change(s) `,
          button, target)],
      ], auditRows, "Nothing recorded.", { id: "audit" })));
}
