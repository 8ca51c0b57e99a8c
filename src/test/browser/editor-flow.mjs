// Drives the editor page as two business users would, in headless Chromium: the editor changes a cell of a decision
// table in the Apache KIE DMN editor, saves the draft, runs the regression cases and the impact preview; the approver
// publishes it. Every step is checked on what the page shows and saved as a screenshot.
//
//   node src/test/browser/editor-flow.mjs BASE_URL SCREENSHOT_DIR
//
// Prints one JSON line on stdout with what the page showed; progress goes to stderr. Exits non-zero on the first
// failed check, with failure.png in SCREENSHOT_DIR.
// Environment: CHROMIUM (default /usr/bin/chromium), EDITOR_FLOW_TIMEOUT_MS (whole run, default 300000).
import { check, text, runFlow } from "./harness.mjs";

const MODEL = "black-week-tech";
const DECISION = "Selection";
const ROW = "6";
const COLUMN = "discountPercent";
const FROM = "15";
const TO = "17";
const RUN_DATE = "2026-11-26";
const REASON = "Black Week push: electronics fans get 17 %";

const [baseArg, shotsArg] = process.argv.slice(2);
if (!baseArg || !shotsArg) {
  console.error("usage: node editor-flow.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
const editorUrl = new URL("editor/index.html", baseArg.endsWith("/") ? baseArg : baseArg + "/").toString();
// The editor bundle is 12 MB and the machine may be busy: generous waits, but each on a condition.
const STEP_MS = 90_000;

let page;
let log;
let shot;
const pageErrors = [];

async function signIn(user) {
  await page.fill("#login-user", user);
  await page.fill("#login-password", user);
  await page.click("#login-button");
  await page.locator("#app:visible, #login-error:not(:empty)").first().waitFor();
  const refused = await text(page.locator("#login-error"));
  check(refused === "", `${user} could not sign in: ${refused}`);
  await page.locator("#who").filter({ hasText: `${user} (` }).waitFor();
  await page.locator(`#models a[data-model="${MODEL}"]`).waitFor();
}

function editorFrame() {
  return page.frameLocator("#editor-container iframe");
}

/** After opening the model or one of its drafts: the DMN editor has loaded it and shows its diagram. */
async function waitForDiagram() {
  await editorFrame().locator(".react-flow__node-node_decision", { hasText: DECISION }).waitFor({ timeout: STEP_MS });
}

/** The status once the page has the server's answer, whatever it is (the page shows `busy` until then). */
async function statusAfter(busy) {
  await page.waitForFunction((busyText) => {
    const status = document.getElementById("status").textContent.trim();
    return status !== "" && status !== busyText;
  }, busy, { timeout: STEP_MS });
  return text(page.locator("#status"));
}

/**
 * Opens the decision's table in the DMN editor and finds the cell where the row numbered ROW crosses the column
 * headed COLUMN, by position, as a reader finds it; checks that it shows `expected`.
 */
async function openCell(expected) {
  const frame = editorFrame();
  // A selected decision node shows an "Edit" label ("View" when read-only) that opens its boxed expression.
  const node = frame.locator(".react-flow__node-node_decision", { hasText: DECISION });
  await node.click();
  await node.locator(".kie-dmn-editor--edit-expression-node-panel").click();
  await frame.locator("text=Back to Diagram").waitFor();
  const header = frame.locator("th").filter({
    has: frame.locator('[data-testid="kie-tools--bee--expression-info-name"]', { hasText: new RegExp(`^${COLUMN}$`) }),
  });
  await header.waitFor();
  const row = frame.locator("tr").filter({ has: frame.locator("td.row-index-column-cell", { hasText: new RegExp(`^${ROW}$`) }) });
  check((await row.count()) === 1, `the decision table has no single row numbered ${ROW}`);
  const headerBox = await header.boundingBox();
  const cells = row.locator("td.data-cell");
  let cell = null;
  for (let i = 0; i < (await cells.count()); i++) {
    const box = await cells.nth(i).boundingBox();
    if (box && Math.abs(box.x - headerBox.x) < 2 && Math.abs(box.width - headerBox.width) < 2) cell = cells.nth(i);
  }
  check(cell !== null, `no cell of row ${ROW} under the column ${COLUMN}`);
  const value = cell.locator(".editable-cell-value");
  check((await text(value)) === expected, `row ${ROW}, ${COLUMN} shows "${await text(value)}", expected ${expected}`);
  await cell.scrollIntoViewIfNeeded();
  return { cell, value };
}

async function editCell() {
  const { cell, value } = await openCell(FROM);
  // Double-click opens the cell's FEEL editor (Monaco); select its text, type over it, Enter commits.
  await cell.dblclick();
  await cell.locator(".monaco-editor").waitFor();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(TO);
  await page.keyboard.press("Enter");
  await value.filter({ hasText: new RegExp(`^${TO}$`) }).waitFor();
  check(pageErrors.length === 0, `the DMN editor failed while editing the cell: ${pageErrors.join("; ")}`);
  check(!(await editorFrame().locator("text=An unexpected error happened").isVisible()), "the DMN editor shows its error page");
}

async function run(session) {
  ({ page, log, shot } = session);
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // a. The editor signs in and opens the model.
  log(`opening ${editorUrl}`);
  await page.goto(editorUrl);
  await signIn("editor");
  await shot("01-signed-in.png");
  await page.click(`#models a[data-model="${MODEL}"]`);
  await page.locator("#model-title").filter({ hasText: MODEL }).waitFor();
  await waitForDiagram();

  // b. The cell edit, through the editor's own UI.
  await editCell();
  await shot("02-cell-edited.png");

  // c. Save: the server validates and stores the draft.
  await page.click("#save-draft");
  const savedStatus = await statusAfter("Saving and validating...");
  check(savedStatus === "Draft saved." && (await page.locator("#validation-ok").count()) === 1,
    `the draft was not saved: ${savedStatus} ${await text(page.locator("#validation-result"))}`);
  const saved = await text(page.locator("#validation-ok"));
  const draftId = /saved as draft (\S+) \(version/.exec(saved)?.[1];
  check(draftId, `no draft id in "${saved}"`);
  await shot("03-draft-saved.png");

  // d. Regression cases: those that expected 15 % now fail with 17 %.
  await page.locator("#run-tests:enabled").click();
  const tested = await statusAfter("Running the regression cases...");
  check(tested === "Regression cases ran.", `the regression cases did not run: ${tested}`);
  const summary = await text(page.locator("#tests-summary"));
  const counts = /(\d+) passed, (\d+) failed/.exec(summary);
  check(counts, `unexpected regression summary "${summary}"`);
  const [testsPassed, testsFailed] = [Number(counts[1]), Number(counts[2])];
  const failRows = page.locator("#tests-table tbody tr", { has: page.locator("td:nth-child(3)", { hasText: /^FAIL$/ }) });
  check(testsFailed > 0, `no regression case failed after changing ${FROM} to ${TO}: "${summary}"`);
  check((await failRows.count()) === testsFailed, `${await failRows.count()} FAIL rows for "${summary}"`);
  for (let i = 0; i < testsFailed; i++) {
    const expected = await text(failRows.nth(i).locator("td:nth-child(4)"));
    const actual = await text(failRows.nth(i).locator("td:nth-child(5)"));
    check(expected.includes(FROM) && actual.includes(TO), `FAIL row ${i + 1}: expected "${expected}", actual "${actual}"`);
  }
  await page.locator("#tests").scrollIntoViewIfNeeded();
  await shot("04-regression-cases.png");

  // e. Impact preview over the stored customers for the run date.
  await page.fill("#impact-date", RUN_DATE);
  await page.locator("#run-impact:enabled").click();
  // The page polls the preview every 500 ms and says when it ended.
  const previewed = await statusAfter("Impact preview started...");
  const progress = await text(page.locator("#impact-progress"));
  check(previewed === "Impact preview done." && progress.startsWith("COMPLETED"), `impact preview: ${previewed} ${progress}`);
  check(progress.includes(`for ${RUN_DATE}`), `impact preview not for ${RUN_DATE}: ${progress}`);
  const figure = async (id) => Number(await text(page.locator(`#impact-${id}`)));
  const impact = {
    processed: Number(/(\d+) customers evaluated/.exec(progress)?.[1]),
    selectedLive: await figure("selected-live"),
    selectedDraft: await figure("selected-draft"),
    entering: await figure("entering"),
    leaving: await figure("leaving"),
    discountChanged: await figure("discount-changed"),
  };
  check(Object.values(impact).every(Number.isInteger), `unreadable impact figures: ${JSON.stringify(impact)}`);
  check(impact.processed > 0, `the preview evaluated no customers: ${progress}`);
  check(impact.discountChanged > 0, `no discount changed: ${JSON.stringify(impact)}`);
  check(await page.locator("#impact-groups tbody tr", { hasText: "DISCOUNT_CHANGED" }).count() > 0,
    "no DISCOUNT_CHANGED group in the impact table");
  await page.locator("#impact").scrollIntoViewIfNeeded();
  await shot("05-impact-preview.png");

  // f. Four eyes: the approver opens the saved draft and publishes it with a reason (some cases fail).
  await page.click("#sign-out");
  await page.locator("#login-form").waitFor();
  await signIn("approver");
  await page.click(`#models a[data-model="${MODEL}"]`);
  const draftRow = page.locator("#drafts tbody tr", { has: page.locator("a", { hasText: draftId.substring(0, 8) }) });
  const draftLink = draftRow.locator("a");
  await draftLink.waitFor();
  check((await text(draftRow.locator("td:nth-child(2)"))) === "editor", "the draft's author is not shown as editor");
  await draftLink.click();
  await page.locator("#model-title").filter({ hasText: `(draft ${draftId.substring(0, 8)})` }).waitFor();
  await waitForDiagram();
  await openCell(TO);
  await page.locator("#publish-reason").fill(REASON);
  await shot("06-approver-draft-opened.png");
  await page.locator("#publish:enabled").click();
  const published = await statusAfter("Publishing...");
  const seq = /Published as version #(\d+) \((\S+)\); it is live now/.exec(published);
  check(seq, `not published: "${published}"`);
  const publishedSeq = Number(seq[1]);
  // The models list and the versions table follow the publication.
  await page.locator("#models tbody tr", { has: page.locator(`a[data-model="${MODEL}"]`) })
    .filter({ hasText: `#${publishedSeq} ${seq[2]}` }).waitFor();
  await page.locator("#versions tbody tr").first().filter({ hasText: `${seq[2]} (live)` }).waitFor();
  await page.locator("#model-meta").filter({ hasText: `Live: version #${publishedSeq} (${seq[2]})` }).waitFor();
  await shot("07-published.png");

  return { draftId, testsPassed, testsFailed,
    impactProcessed: impact.processed, impactSelectedLive: impact.selectedLive, impactSelectedDraft: impact.selectedDraft,
    impactEntering: impact.entering, impactLeaving: impact.leaving, impactDiscountChanged: impact.discountChanged,
    publishedSeq, publishedVersion: seq[2] };
}

await runFlow("editor-flow", shotsArg, {
  overallMs: Number(process.env.EDITOR_FLOW_TIMEOUT_MS || 300_000),
  stepMs: STEP_MS,
  viewport: { width: 1600, height: 1000 },
}, run);
