// The workspace shell: sign-in, the sections' navigation, and a router over the address's #fragment so that every
// page has an address a person can bookmark, send and open with the back button.
import * as api from "./api.js";
import { h, fill, message } from "./ui.js";
import { campaignsPage, campaignFormPage } from "./campaigns.js";
import { campaignPage } from "./campaign.js";
import { runPage, runsPage } from "./run.js";
import { customersPage } from "./customers.js";
import { tablesPage, tablePage } from "./tables.js";
import { draftPage } from "./draft.js";
import { audiencePage } from "./audience.js";

const $ = (id) => document.getElementById(id);

// Most specific first; each page is (element, params, view) where view.alive() turns false once the user moved on.
const routes = [
  [/^#\/campaigns\/new$/, "campaigns", (el, m, view) => campaignFormPage(el, null, view)],
  [/^#\/campaigns\/([^/]+)\/edit$/, "campaigns", (el, m, view) => campaignFormPage(el, decodeURIComponent(m[1]), view)],
  [/^#\/campaigns\/([^/]+)$/, "campaigns", (el, m, view) => campaignPage(el, decodeURIComponent(m[1]), view)],
  [/^#\/runs\/([^/]+)$/, "runs", (el, m, view) => runPage(el, decodeURIComponent(m[1]), view)],
  [/^#\/runs$/, "runs", (el, m, view) => runsPage(el, view)],
  [/^#\/customers(?:\/([^/]+))?$/, "customers", (el, m, view) => customersPage(el, m[1] ? decodeURIComponent(m[1]) : null, view)],
  [/^#\/tables\/([^/]+)\/drafts\/([^/]+)$/, "tables", (el, m, view) => draftPage(el, decodeURIComponent(m[1]), decodeURIComponent(m[2]), view)],
  [/^#\/audience$/, "audience", (el, m, view) => audiencePage(el, view)],
  [/^#\/tables\/([^/]+)$/, "tables", (el, m, view) => tablePage(el, decodeURIComponent(m[1]), view)],
  [/^#\/tables$/, "tables", (el, m, view) => tablesPage(el, view)],
  [/^#?\/?(campaigns)?$/, "campaigns", (el, m, view) => campaignsPage(el, view)],
];

let current = null;

async function route() {
  if (current) current.leave();
  const view = { live: true, timers: [], alive() { return this.live; }, every(ms, fn) { this.timers.push(setInterval(fn, ms)); },
    leave() { this.live = false; this.timers.forEach(clearInterval); } };
  current = view;
  const page = $("page");
  const hash = location.hash || "#/campaigns";
  const found = routes.find(([pattern]) => pattern.test(hash));
  document.querySelectorAll("#nav a").forEach((a) => {
    if (found && a.dataset.section === found[1]) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  if (!found) {
    fill(page, message("error", "There is no page at " + hash + "."));
    return;
  }
  fill(page, h("p", { class: "muted" }, "Loading…"));
  try {
    await found[2](page, hash.match(found[0]), view);
    // The tab and the browser history name the page, as its heading does.
    const heading = page.querySelector("h1");
    if (view.alive()) document.title = (heading ? heading.textContent.trim() + " · " : "") + "Selektor";
  } catch (e) {
    if (view.alive()) fill(page, message("error", e.message, "page-error"));
  }
}

function showUser() {
  const me = api.user();
  fill($("who"), h("span", { id: "who-name" }, `${me.user} (${me.roles.join(", ")})`),
    h("button", { id: "sign-out", onclick: () => { api.signOut(); location.reload(); } }, "Sign out"));
  $("login").hidden = true;
  $("nav").hidden = false;
  document.body.dataset.roles = me.roles.join(" ");
}

async function start() {
  if (api.signedIn() && (await api.resume()) === null) {
    showUser();
    await route();
    return;
  }
  $("login").hidden = false;
  $("login-user").focus();
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const refused = await api.signIn($("login-user").value, $("login-password").value);
  $("login-error").textContent = refused || "";
  if (refused === null) {
    showUser();
    await route();
  }
});

window.addEventListener("hashchange", () => { if (api.user()) route(); });
start();
