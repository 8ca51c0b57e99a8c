// Talks to the service on the same origin with the signed-in user's HTTP Basic credentials. The credentials are
// kept under the key the decision-table editor uses, so one sign-in serves both pages for the browser tab.
const AUTH_KEY = "selektor.auth";

let auth = sessionStorage.getItem(AUTH_KEY);
let me = null;

export function signedIn() {
  return auth !== null;
}

export function user() {
  return me;
}

export function hasRole(role) {
  return me !== null && me.roles.includes(role);
}

/** Checks the credentials with GET /me; answers null when they work, else the reason in words. */
export async function signIn(name, password) {
  auth = "Basic " + btoa(unescape(encodeURIComponent(name + ":" + password)));
  return resume();
}

/** Uses the credentials of this tab, if any; answers null when they work, else the reason in words. */
export async function resume() {
  if (auth === null) return "Not signed in.";
  const answer = await request("GET", "/me");
  if (!answer.ok) {
    auth = null;
    sessionStorage.removeItem(AUTH_KEY);
    return answer.status === 401 ? "Wrong user or password." : problemText(answer);
  }
  me = answer.body;
  sessionStorage.setItem(AUTH_KEY, auth);
  return null;
}

export function signOut() {
  auth = null;
  me = null;
  sessionStorage.removeItem(AUTH_KEY);
}

/**
 * One call: {status, ok, body, location, retryAfter}; body is JSON for JSON answers (problem+json too), else text;
 * retryAfter is the seconds a 503 asks to wait, or null.
 */
export async function request(method, path, body, contentType) {
  const headers = { Accept: "application/json, application/problem+json;q=0.9, */*;q=0.5" };
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : contentType ? body : JSON.stringify(body),
    });
  } catch (e) {
    return { status: 0, ok: false, body: { detail: "The service does not answer: " + e.message } };
  }
  const type = response.headers.get("Content-Type") || "";
  const payload = type.includes("json") ? await response.json().catch(() => null) : await response.text();
  const retry = Number(response.headers.get("Retry-After"));
  return { status: response.status, ok: response.ok, body: payload, location: response.headers.get("Location"),
    retryAfter: response.headers.has("Retry-After") && isFinite(retry) ? retry : null };
}

/** GET that throws the problem's words on failure, for pages that cannot go on without the answer. */
export async function get(path) {
  const answer = await request("GET", path);
  if (!answer.ok) throw new Error(problemText(answer));
  return answer.body;
}

/** A refusal or failure as a sentence: the problem's detail where the service gave one. */
export function problemText(answer) {
  const body = answer.body;
  if (body && typeof body === "object" && body.detail) return body.detail;
  if (answer.status === 401) return "You are not signed in (or your password changed): sign in again.";
  if (answer.status === 403) return "Your role does not allow this.";
  if (answer.status === 404) return "Not found.";
  return `The service answered ${answer.status}` + (typeof body === "string" && body ? `: ${body.slice(0, 200)}` : ".");
}

/** Fetches a file with the user's credentials and hands it to the browser as a download. */
export async function download(path, fileName) {
  const response = await fetch(path, { headers: { Authorization: auth } });
  if (!response.ok) {
    const type = response.headers.get("Content-Type") || "";
    const body = type.includes("json") ? await response.json() : await response.text();
    throw new Error(problemText({ status: response.status, body }));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const enc = encodeURIComponent;
