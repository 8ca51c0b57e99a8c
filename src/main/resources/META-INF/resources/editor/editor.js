// The business users' page: pick a model, edit its tables in the Apache KIE DMN editor, save a draft (the server
// validates it), run the regression cases and the impact preview, and publish (approvers). The server is the
// gatekeeper: this page only shows what it answers.
"use strict";

const state = { auth: null, me: null, model: null, editor: null, draftId: null, impactTimer: null };

const $ = (id) => document.getElementById(id);

function text(value) {
  return value === null || value === undefined ? "" : String(value);
}

function cell(row, value, className) {
  const td = document.createElement("td");
  td.textContent = text(value);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function setStatus(message, kind) {
  const status = $("status");
  status.textContent = message;
  status.className = kind || "";
}

async function api(method, path, body, contentType) {
  const headers = { Authorization: state.auth, Accept: "application/json, application/problem+json, application/xml" };
  if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : (contentType ? body : JSON.stringify(body)),
  });
  const type = response.headers.get("Content-Type") || "";
  const payload = type.includes("json") ? await response.json() : await response.text();
  return { status: response.status, ok: response.ok, body: payload, location: response.headers.get("Location") };
}

function hasRole(role) {
  return state.me && state.me.roles.includes(role);
}

function applyRoles() {
  document.querySelectorAll("[data-role]").forEach((element) => {
    element.hidden = !hasRole(element.dataset.role);
  });
}

// --- sign in ---

async function signIn(user, password) {
  state.auth = "Basic " + btoa(user + ":" + password);
  const me = await api("GET", "/me");
  if (!me.ok) {
    state.auth = null;
    $("login-error").textContent = me.status === 401 ? "Wrong user or password." : "Cannot sign in: " + me.status;
    return;
  }
  state.me = me.body;
  sessionStorage.setItem("selektor.auth", state.auth);
  $("who").textContent = `${state.me.user} (${state.me.roles.join(", ")}) `;
  const out = document.createElement("button");
  out.textContent = "Sign out";
  out.id = "sign-out";
  out.onclick = () => { sessionStorage.removeItem("selektor.auth"); location.reload(); };
  $("who").appendChild(out);
  $("login").hidden = true;
  $("app").hidden = false;
  applyRoles();
  await loadModels();
  // The workspace links here with the model's name after the #.
  const wanted = decodeURIComponent(location.hash.substring(1));
  if (wanted && document.querySelector(`#models a[data-model="${CSS.escape(wanted)}"]`)) await openModel(wanted);
}

$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  signIn($("login-user").value, $("login-password").value);
});

// --- models ---

async function loadModels() {
  const response = await api("GET", "/decision-models");
  const body = $("models").querySelector("tbody");
  body.replaceChildren();
  for (const model of response.body) {
    const row = document.createElement("tr");
    const name = cell(row, "");
    const link = document.createElement("a");
    link.href = "#" + model.name;
    link.textContent = model.name;
    link.dataset.model = model.name;
    link.onclick = (event) => { event.preventDefault(); openModel(model.name); };
    name.appendChild(link);
    cell(row, `#${text(model.seq)} ${model.liveVersion}` + (model.folderDiffers ? " (dmn/ differs)" : ""));
    cell(row, model.author);
    cell(row, model.publishedAt ? new Date(model.publishedAt).toLocaleString() : "");
    body.appendChild(row);
  }
}

async function openModel(name, draftId) {
  state.model = name;
  state.draftId = draftId || null;
  $("workspace").hidden = false;
  $("model-title").textContent = name + (draftId ? " (draft " + draftId.substring(0, 8) + ")" : "");
  ["validation", "tests", "impact"].forEach((id) => { $(id).hidden = true; });
  await loadModelMeta();
  const source = draftId ? `/decision-models/${name}/drafts/${draftId}/dmn` : `/decision-models/${name}/dmn`;
  const xml = await api("GET", source);
  if (state.editor) state.editor.close();
  $("editor-container").replaceChildren();
  state.editor = DMNEditor.open({
    container: $("editor-container"),
    initialContent: Promise.resolve(xml.body),
    initialFileNormalizedPosixPathRelativeToTheWorkspaceRoot: name + ".dmn",
    readOnly: !hasRole("editor"),
  });
  window.selektorEditor = state.editor;
  updateButtons();
  await Promise.all([loadDrafts(), loadVersions(), loadAudit()]);
}

// Also after publishing or making a version live, so the line names the version that is live now.
async function loadModelMeta() {
  const info = await api("GET", "/decision-models/" + encodeURIComponent(state.model));
  $("model-meta").textContent = `Live: version #${text(info.body.seq)} (${info.body.liveVersion}) by ${text(info.body.author)}; `
    + `inputs: ${info.body.inputs.map((i) => i.name).join(", ")}; decisions: ${info.body.decisions.map((d) => d.name).join(", ")}`;
}

function updateButtons() {
  const haveDraft = state.draftId !== null;
  $("run-tests").disabled = !haveDraft;
  $("run-impact").disabled = !haveDraft;
  $("publish").disabled = !haveDraft;
}

// --- drafts: save, validate, test, impact, publish ---

$("save-draft").onclick = async () => {
  setStatus("Saving and validating...");
  const content = await state.editor.getContent();
  const response = await api("POST", `/decision-models/${state.model}/drafts`, content, "application/xml");
  const panel = $("validation-result");
  panel.replaceChildren();
  $("validation").hidden = false;
  if (response.status === 201) {
    state.draftId = response.body.draftId;
    const ok = document.createElement("p");
    ok.className = "ok";
    ok.id = "validation-ok";
    ok.textContent = `Valid: saved as draft ${response.body.draftId} (version ${response.body.version}).`;
    panel.appendChild(ok);
    appendList(panel, "Warnings", response.body.warnings, "warning");
    setStatus("Draft saved.", "ok");
    updateButtons();
    await Promise.all([loadDrafts(), loadAudit()]);
  } else {
    const bad = document.createElement("p");
    bad.className = "error";
    bad.id = "validation-error";
    bad.textContent = response.body.detail || ("The server answered " + response.status);
    panel.appendChild(bad);
    // A broken cell is named by its table, row and column, as the editor shows them; a column's header has no row.
    const where = (e) =>
      e.row || e.column
        ? e.decision + (e.row ? ` row ${e.row}` : "") + (e.column ? `${e.row ? "," : ""} column ${e.column}` : "")
        : e.field;
    appendList(panel, "Errors (where: problem)", (response.body.errors || []).map((e) => `${where(e)}: ${e.message}`), "error");
    setStatus("Not saved: the draft has errors. Your edits stay in the editor.", "error");
  }
};

function appendList(parent, title, items, className) {
  if (!items || items.length === 0) return;
  const heading = document.createElement("h4");
  heading.textContent = title;
  parent.appendChild(heading);
  const list = document.createElement("ul");
  list.className = className;
  for (const item of items) {
    const li = document.createElement("li");
    li.textContent = item;
    list.appendChild(li);
  }
  parent.appendChild(list);
}

$("run-tests").onclick = async () => {
  setStatus("Running the regression cases...");
  const response = await api("POST", `/decision-models/${state.model}/drafts/${state.draftId}/tests`);
  if (!response.ok) { setStatus(response.body.detail || "Tests failed to run", "error"); return; }
  showTests(response.body);
  setStatus("Regression cases ran.", response.body.failed === 0 ? "ok" : "warning");
  await loadDrafts();
};

function showTests(report) {
  $("tests").hidden = false;
  $("tests-summary").textContent = report.cases.length === 0 ? "This model has no regression cases."
    : `${report.passed} passed, ${report.failed} failed.`;
  const body = $("tests-table").querySelector("tbody");
  body.replaceChildren();
  for (const c of report.cases) {
    const row = document.createElement("tr");
    row.className = c.passed ? "pass" : "fail";
    cell(row, c.name);
    cell(row, c.line);
    cell(row, c.passed ? "pass" : "FAIL");
    cell(row, c.expected);
    cell(row, c.actual);
    body.appendChild(row);
  }
}

$("run-impact").onclick = async () => {
  const runDate = $("impact-date").value;
  setStatus("Impact preview started...");
  const response = await api("POST", `/decision-models/${state.model}/drafts/${state.draftId}/impact`, { runDate });
  if (response.status !== 202) { setStatus(response.body.detail || "Impact preview refused", "error"); return; }
  $("impact").hidden = false;
  clearInterval(state.impactTimer);
  const poll = async () => {
    const report = await api("GET", response.location);
    showImpact(report.body);
    if (report.body.status !== "RUNNING") {
      clearInterval(state.impactTimer);
      setStatus(report.body.status === "COMPLETED" ? "Impact preview done." : "Impact preview failed: " + report.body.failure,
        report.body.status === "COMPLETED" ? "ok" : "error");
    }
  };
  state.impactTimer = setInterval(poll, 500);
  poll();
};

function showImpact(report) {
  $("impact-progress").textContent = `${report.status}: ${report.processed} customers evaluated for ${report.runDate}`
    + ` (live ${report.liveVersion} vs draft ${report.draftVersion})`;
  const numbers = $("impact-numbers");
  numbers.replaceChildren();
  const figures = [
    ["Selected now", report.selectedLive, "selected-live"], ["Selected with the draft", report.selectedDraft, "selected-draft"],
    ["Entering", report.entering, "entering"], ["Leaving", report.leaving, "leaving"],
    ["Discount changed", report.discountChanged, "discount-changed"]];
  for (const [label, value, id] of figures) {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dd.id = "impact-" + id;
    numbers.append(dt, dd);
  }
  const chart = $("impact-chart");
  chart.replaceChildren();
  const max = Math.max(1, report.entering, report.leaving, report.discountChanged);
  for (const [label, value, id] of figures.slice(2)) {
    // The label stands beside the bar, so that a short bar still says what it counts.
    const row = document.createElement("div");
    row.className = "bar-row";
    const name = document.createElement("span");
    name.className = "bar-label";
    name.textContent = `${label}: ${value}`;
    const bar = document.createElement("div");
    bar.className = "bar " + id;
    bar.style.width = Math.max(1, Math.round(value / max * 100)) + "%";
    const track = document.createElement("div");
    track.className = "bar-track";
    track.appendChild(bar);
    row.append(name, track);
    chart.appendChild(row);
  }
  const body = $("impact-groups").querySelector("tbody");
  body.replaceChildren();
  for (const g of report.groups) {
    const row = document.createElement("tr");
    cell(row, g.change);
    cell(row, g.reason);
    cell(row, g.row);
    cell(row, g.customers);
    cell(row, g.sampleCustomerIds.join(", "));
    body.appendChild(row);
  }
}

$("publish").onclick = async () => {
  setStatus("Publishing...");
  const reason = $("publish-reason").value;
  const response = await api("POST", `/decision-models/${state.model}/drafts/${state.draftId}/publish`, reason ? { reason } : {});
  if (!response.ok) { setStatus(response.body.detail || ("Not published: " + response.status), "error"); return; }
  setStatus(`Published as version #${response.body.seq} (${response.body.version}); it is live now.`, "ok");
  await Promise.all([loadModels(), loadModelMeta(), loadVersions(), loadAudit(), loadDrafts()]);
};

// --- lists ---

async function loadDrafts() {
  const response = await api("GET", `/decision-models/${state.model}/drafts`);
  const body = $("drafts").querySelector("tbody");
  body.replaceChildren();
  for (const d of response.body.slice().reverse()) {
    const row = document.createElement("tr");
    const id = cell(row, "");
    const link = document.createElement("a");
    link.href = "#";
    link.textContent = d.draftId.substring(0, 8);
    link.onclick = (event) => { event.preventDefault(); openModel(state.model, d.draftId); };
    id.appendChild(link);
    cell(row, d.author);
    cell(row, new Date(d.createdAt).toLocaleString());
    cell(row, d.lastTests ? `${d.lastTests.passed} passed, ${d.lastTests.failed} failed` : "not run");
    cell(row, d.publishedAs ? "#" + d.publishedAs : "");
    body.appendChild(row);
  }
}

async function loadVersions() {
  const response = await api("GET", `/decision-models/${state.model}/versions`);
  const body = $("versions").querySelector("tbody");
  body.replaceChildren();
  for (const v of response.body.slice().reverse()) {
    const row = document.createElement("tr");
    cell(row, v.seq);
    cell(row, v.version + (v.live ? " (live)" : ""));
    cell(row, v.author);
    cell(row, new Date(v.publishedAt).toLocaleString());
    cell(row, v.origin + (v.reason ? " — " + v.reason : ""));
    const action = cell(row, "");
    if (!v.live && hasRole("approver")) {
      const button = document.createElement("button");
      button.textContent = "Make live";
      button.onclick = async () => {
        const reason = prompt("Why make version #" + v.seq + " live again?") || "";
        const answer = await api("POST", `/decision-models/${state.model}/versions/${v.seq}/activate`, { reason });
        setStatus(answer.ok ? `Version #${v.seq} is live.` : (answer.body.detail || "Refused"), answer.ok ? "ok" : "error");
        await Promise.all([loadModels(), loadModelMeta(), loadVersions(), loadAudit()]);
      };
      action.appendChild(button);
    }
    body.appendChild(row);
  }
}

// The workspace's modules that read DMN tables and draw their differences, loaded once.
let diffs = null;

async function loadAudit() {
  if (diffs === null) {
    const [dmn, versions] = await Promise.all([import("../app/dmn.js"), import("../app/model-versions.js")]);
    diffs = { modelDiff: dmn.modelDiff, changedModel: versions.changedModel, versionXml: versions.versionXml };
  }
  const xmlOf = diffs.versionXml(api, state.model, (answer) => answer.body.detail || "The service answered " + answer.status);
  const response = await api("GET", `/decision-models/${state.model}/audit`);
  const body = $("audit").querySelector("tbody");
  body.replaceChildren();
  for (const e of response.body.slice().reverse()) {
    const row = document.createElement("tr");
    cell(row, new Date(e.at).toLocaleString());
    cell(row, e.action);
    cell(row, e.user);
    cell(row, e.fromVersion);
    cell(row, e.toVersion);
    const rows = cell(row, (e.changedRows || []).join("\n"), "rows");
    cell(row, e.reason);
    body.appendChild(row);
    if (diffs.changedModel(e)) rows.appendChild(showChangeButton(e, row, xmlOf));
  }
}

// The workspace's table diff (which row, which cell, the old value struck through, the new beside it), drawn in a
// row of its own below the audit entry when asked for: each needs two versions of the model fetched.
function showChangeButton(entry, row, xmlOf) {
  const button = document.createElement("button");
  button.textContent = "Show as table";
  button.className = "show-change";
  button.onclick = async () => {
    button.disabled = true;
    const detail = document.createElement("tr");
    const td = document.createElement("td");
    td.colSpan = row.children.length;
    detail.appendChild(td);
    row.after(detail);
    try {
      td.append(...diffs.modelDiff(await xmlOf(entry.fromVersion), await xmlOf(entry.toVersion, entry.draftId)));
    } catch (error) {
      td.textContent = error.message;
      td.className = "error";
    }
  };
  return button;
}

// --- start ---

(async () => {
  const saved = sessionStorage.getItem("selektor.auth");
  if (saved) {
    state.auth = saved;
    const me = await api("GET", "/me");
    if (me.ok) {
      const [user, password] = atob(saved.substring(6)).split(":");
      await signIn(user, password);
      return;
    }
  }
  $("login").hidden = false;
})();
