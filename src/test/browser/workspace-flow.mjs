// Drives the workspace as a marketing manager would, in headless Chromium: define a campaign (first with mistakes
// the service names field by field), read its reach row by row, start a selection run, watch it reach 100 %, read
// the result, download the CSV, look up a customer and read why they were not selected, read a draft's reach beside
// the live version's; then, as a viewer, read the reach, find no button that would be refused, and ask the audience
// page a question (and one it refuses). Every step is checked on what the page shows and saved as a screenshot.
//
//   node src/test/browser/workspace-flow.mjs BASE_URL SCREENSHOT_DIR CAMPAIGN_ID CUSTOMER_ID DRAFT_ID
//
// CUSTOMER_ID is a stored customer without marketing consent, DRAFT_ID a draft of the campaign's table. Prints one
// JSON line on stdout (what the pages showed, the audience question the page sent, and where the downloaded CSV
// is); progress goes to stderr. Exits non-zero on the first failed check,
// with failure.png in SCREENSHOT_DIR. Environment: CHROMIUM (default /usr/bin/chromium),
// WORKSPACE_FLOW_TIMEOUT_MS (whole run, default 300000).
import path from "node:path";
import { check, text, runFlow } from "./harness.mjs";

const MODEL = "black-week-tech";
const RUN_DATE = "2026-11-26";
const CAP = 40;
const HOLDOUT = 5;

const [baseArg, shotsArg, campaignId, customerId, draftId] = process.argv.slice(2);
if (!baseArg || !shotsArg || !campaignId || !customerId || !draftId) {
  console.error("usage: node workspace-flow.mjs BASE_URL SCREENSHOT_DIR CAMPAIGN_ID CUSTOMER_ID DRAFT_ID");
  process.exit(2);
}
const base = baseArg.endsWith("/") ? baseArg : baseArg + "/";
const number = (shown) => Number(shown.replace(/[^\d]/g, ""));

// The reach beside each row of a table view: {row: customers} as the page shows them, and the notes of the rows
// whose count is not exact. `side` picks the draft's or the live version's column on a draft's page.
async function rowReaches(table, side) {
  const cells = table.locator(`.reach-cell${side ? `[data-side="${side}"]` : ""}`);
  const counts = {};
  const notes = {};
  for (let i = 0; i < (await cells.count()); i++) {
    const cell = cells.nth(i);
    const row = await cell.getAttribute("data-reach-row");
    counts[row] = number(await text(cell.locator(".reach-count")));
    if ((await cell.locator(".reach-note").count()) > 0) notes[row] = await text(cell.locator(".reach-note"));
  }
  return { counts, notes };
}

// A bar chart's numbers by label.
async function barValues(chart) {
  const spans = await chart.locator(":scope > span").allTextContents();
  const values = {};
  for (let i = 0; i + 1 < spans.length; i += 2) values[spans[i].trim()] = number(spans[i + 1]);
  return values;
}

await runFlow("workspace-flow", shotsArg, {
  overallMs: Number(process.env.WORKSPACE_FLOW_TIMEOUT_MS || 300_000),
  stepMs: 60_000,
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
  // As a marketer in the business zone sees the page (the date fields follow the browser's language).
  locale: "de-DE",
}, async ({ page, log, shot }) => {
  async function signIn(user) {
    await page.locator("#login-form").waitFor();
    await page.fill("#login-user", user);
    await page.fill("#login-password", user);
    await page.keyboard.press("Enter");
    await page.locator("#who-name").filter({ hasText: `${user} (` }).waitFor();
  }
  const field = (name) => page.locator(`#field-${name}`);
  const fieldError = (name) => text(page.locator(`#field-${name}-error`));

  // a. The workspace is the service's home page; the editor signs in with the keyboard.
  log(`opening ${base}`);
  await page.goto(base);
  await signIn("editor");
  await page.locator("#campaigns").waitFor();
  await shot("01-signed-in.png");

  // b. A new campaign, first with two mistakes: the service's messages stand next to the fields they name.
  await page.click("#new-campaign");
  await field("campaignId").fill(campaignId);
  await field("name").fill("Workspace test: electronics");
  await field("decisionModel").selectOption(MODEL);
  await field("startDate").fill("2026-11-30");
  await field("endDate").fill("2026-11-01");
  await field("maxCustomers").fill(String(CAP));
  await field("holdoutPercent").fill("150");
  await page.click("#save-campaign");
  await page.locator("#field-endDate-error:not(:empty)").waitFor();
  check((await fieldError("endDate")).includes("must not lie before startDate"), `endDate: "${await fieldError("endDate")}"`);
  check((await fieldError("holdoutPercent")).includes("0 to 100"), `holdoutPercent: "${await fieldError("holdoutPercent")}"`);
  check((await fieldError("name")) === "", "an error stands next to a field without one");
  check((await field("endDate").getAttribute("aria-invalid")) === "true", "the bad end date is not marked");
  await shot("02-campaign-form-errors.png");
  await field("startDate").fill("2026-11-01");
  await field("endDate").fill("2026-12-31");
  await field("holdoutPercent").fill(String(HOLDOUT));
  await page.click("#save-campaign");

  // c. The campaign's page: definition, the live table with its annotations, the reach on the run date.
  await page.locator("#campaign-title").filter({ hasText: "Workspace test: electronics" }).waitFor();
  check(page.url().endsWith(`#/campaigns/${campaignId}`), `not on the campaign's page: ${page.url()}`);
  const rows = page.locator(`table.dmn-table[data-decision="Selection"] tbody tr`);
  check((await rows.count()) >= 6, `the live Selection table shows ${await rows.count()} rows`);
  check((await text(rows.nth(5))).includes("15"), "row 6 of the table does not show its 15 % discount");
  await page.fill("#run-date", RUN_DATE);
  await page.locator("#run-date").dispatchEvent("change");
  await page.locator("#reach-status").filter({ hasText: "26.11.2026" }).waitFor();
  const reachText = await text(page.locator("#reach-status"));
  const reachSelected = number(await text(page.locator("#reach-selected")));
  const reachCustomers = number(/over ([\d.]+) customers/.exec(reachText)?.[1] ?? "");
  check(reachSelected > 0 && reachCustomers >= reachSelected, `reach: ${reachSelected} of ${reachCustomers} ("${reachText}")`);
  check((await text(page.locator("#reach-cap"))) === String(CAP), "the cap is not shown beside the reach");
  const selection = page.locator(`table.dmn-table[data-decision="Selection"]`);
  const reachRows = await rowReaches(selection);
  check(Object.keys(reachRows.counts).length === (await rows.count()), `reach beside ${Object.keys(reachRows.counts).length} of ${await rows.count()} rows`);
  const reachHoldout = number(await text(page.locator("#reach-holdout")));
  const reachDiscounts = await barValues(page.locator("#reach-discounts"));
  const reachChart = await barValues(page.locator("#reach-chart"));
  check((await text(page.locator("#reach-caveats"))).includes("CONTACT_PRESSURE"), "the reach does not say that contact pressure is not estimated");
  check((await text(page.locator("#reach-freshness"))).includes("behind the customers table"), "the reach does not say how fresh the index is");
  await shot("03-campaign-reach.png");

  // d. Start a run: the confirmation shows reach and cap first.
  await page.click("#start-run");
  const dialog = page.locator("dialog#confirm");
  await dialog.waitFor();
  const confirmText = await text(dialog);
  check(confirmText.includes(reachSelected.toLocaleString("de-DE")) && confirmText.includes(`at most ${CAP} selected`),
    `the confirmation does not show reach and cap: "${confirmText}"`);
  await shot("04-confirm-run.png");
  await page.click("#confirm-yes");
  await page.locator("#progress-percent").waitFor();
  const runId = /#\/runs\/(.+)$/.exec(page.url())?.[1];
  check(runId, `not on a run's page: ${page.url()}`);
  await shot("05-run-progress.png");

  // e. The progress reaches 100 %, then the result: counts by outcome and reason, selected customers.
  await page.locator("#progress-percent").filter({ hasText: /^100\s?%$/ }).waitFor();
  await page.locator("#run-status .badge").filter({ hasText: "COMPLETED" }).waitFor();
  await page.locator("#outcome-chart").waitFor();
  const progressText = await text(page.locator("#progress-text"));
  const outcome = await text(page.locator("#outcome-chart"));
  const selectedShown = number(/Selected([\d.]+)/.exec(outcome.replace(/\s+/g, ""))?.[1] ?? "");
  check(selectedShown > 0 && selectedShown <= CAP, `selected by the chart: ${selectedShown} ("${outcome}")`);
  await page.locator("#selected-table tbody tr").first().waitFor();
  const firstRows = await page.locator("#selected-table tbody tr").count();
  check(firstRows === Math.min(selectedShown, 50), `${firstRows} selected customers listed of ${selectedShown}`);
  check((await text(page.locator("#reason-chart"))).includes("NO_CONSENT"), "the reasons do not name NO_CONSENT");
  await page.locator("#discount-chart").waitFor();
  const byDiscount = await text(page.locator("#discount-chart"));
  check(/\d+ %/.test(byDiscount) && byDiscount.includes("Electronics"), `selected by discount: "${byDiscount}"`);
  // Every selected customer's event leaves the outbox (the test's Kafka broker takes them).
  await page.locator("#delivery-published").filter({ hasText: new RegExp(`^${selectedShown}$`) }).waitFor();
  check((await text(page.locator("#delivery-pending"))) === "0", "events of the run still wait in the outbox");
  await shot("06-run-completed.png");

  // f. The CSV as the browser downloads it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  const csvPath = path.join(path.resolve(shotsArg), "downloaded-" + download.suggestedFilename());
  await download.saveAs(csvPath);
  log(`downloaded ${download.suggestedFilename()}`);

  // g. The customer without consent: facts, the stored outcome of this run, and why not.
  await page.click('nav a[data-section="customers"]');
  await page.fill("#customer-id", customerId);
  await page.keyboard.press("Enter");
  await page.locator("#facts-title").filter({ hasText: customerId }).waitFor();
  const stored = page.locator("#outcomes tbody tr", { has: page.locator(`a[href="#/runs/${runId}"]`) });
  await stored.waitFor();
  check((await text(stored)).includes("REJECTED") && (await text(stored)).includes("NO_CONSENT"),
    `the stored outcome of the run: "${await text(stored)}"`);
  await page.selectOption("#why-campaign", campaignId);
  await page.fill("#why-date", RUN_DATE);
  await page.click("#ask-why");
  await page.locator("#why-outcome").waitFor();
  const why = await text(page.locator("#why-outcome"));
  check(why.includes("Not selected") && why.includes("NO_CONSENT"), `why not: "${why}"`);
  const consent = page.locator("#why-policies li", { hasText: "Marketing consent" });
  check((await text(consent)).includes("REJECTED"), `the consent policy: "${await text(consent)}"`);
  await shot("07-customer-why-not.png");
  // The outcome stored by the run explains itself as it was at the run.
  await stored.locator("button.why-stored").click();
  await page.locator("#why-outcome").filter({ hasText: "NO_CONSENT" }).waitFor();
  const storedConsent = page.locator("#why-policies li", { hasText: "Marketing consent" });
  check((await text(storedConsent)).includes("REJECTED"), `the stored explanation: "${await text(page.locator("#why"))}"`);
  check((await text(page.locator("#why"))).includes(`run date 26.11.2026`), "the stored explanation does not name its run date");

  // h. A draft's page: its reach beside the live version's, row by row, with the difference.
  await page.goto(`${base}#/tables/${MODEL}/drafts/${draftId}`);
  await page.locator("#draft-title").waitFor();
  await page.fill("#run-date", RUN_DATE);
  await page.locator("#run-date").dispatchEvent("change");
  await page.locator("#reach-status").filter({ hasText: "26.11.2026" }).waitFor();
  await page.locator("#reach-compare").waitFor();
  const draftTable = page.locator(`table.dmn-table[data-decision="Selection"]`);
  const draftRows = await rowReaches(draftTable, "draft");
  const draftLiveRows = await rowReaches(draftTable, "live");
  check(Object.keys(draftRows.counts).length >= 6 && Object.keys(draftLiveRows.counts).length >= 6,
    `the draft's page shows ${Object.keys(draftRows.counts).length} draft and ${Object.keys(draftLiveRows.counts).length} live counts`);
  const differences = await draftTable.locator("tbody tr td:last-child").allTextContents();
  check(differences.some((d) => /^[+−]/.test(d.trim())), `no row's reach differs between draft and live: ${differences}`);
  check((await page.locator("#impact-preview").count()) === 1, "an editor is not offered the draft's impact preview");
  await shot("10-draft-reach.png");

  // i. A viewer sees everything, the reach too, and no button that would be refused.
  await page.click("#sign-out");
  await signIn("viewer");
  await page.click('nav a[data-section="campaigns"]');
  await page.locator("#campaigns").waitFor();
  check((await page.locator("#new-campaign").count()) === 0, "a viewer is offered New campaign");
  await page.click(`#campaigns a[data-campaign="${campaignId}"]`);
  await page.locator("#campaign-title").waitFor();
  await page.locator("#run-history a[data-run]").first().waitFor();
  await page.locator("#reach-selected").waitFor();
  check(number(await text(page.locator("#reach-selected"))) === reachSelected, "a viewer reads another reach");
  check((await page.locator("#start-run, #edit-campaign, #impact-preview").count()) === 0, "a viewer is offered to start a run, edit or preview");
  await shot("08-viewer-campaign.png");
  await page.goto(`${base}#/runs/${runId}`);
  await page.locator("#outcome-chart").waitFor();
  check((await page.locator("#cancel-run").count()) === 0, "a viewer is offered Cancel run");
  // A refusal the viewer does meet (an address typed by hand) is said in words.
  await page.goto(`${base}#/campaigns/${campaignId}/edit`);
  await page.click("#save-campaign");
  await page.locator("#form-error .message").waitFor();
  const refusal = await text(page.locator("#form-error"));
  check(refusal.length > 10 && !/^\d+$/.test(refusal), `the refusal: "${refusal}"`);
  await shot("09-viewer-refused.png");

  // j. The audience page: a question the viewer may ask, its count, breakdowns and sample customers.
  await page.click('nav a[data-section="audience"]');
  await page.locator("#audience-form").waitFor();
  await page.fill("#aud-runDate", RUN_DATE);
  await page.check("#aud-segment-VIP");
  await page.check("#aud-segment-REGULAR");
  await page.fill("#aud-revenueFrom", "100");
  await page.fill("#aud-revenueBelow", "5000");
  await page.fill("#aud-categories", "electronics");
  await page.fill("#aud-lastOrderDays", "365");
  await page.selectOption("#aud-consent", "true");
  await page.fill("#aud-samples", "5");
  const [asked] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith("/audience/count") && r.method() === "POST"),
    page.click("#audience-count"),
  ]);
  await page.locator("#audience-count-value").waitFor();
  const audienceShown = number(await text(page.locator("#audience-count-value")));
  const audienceSegments = {};
  for (const row of await page.locator("#breakdown-segment tbody tr").all()) {
    const value = await row.locator("[data-value]").getAttribute("data-value");
    audienceSegments[value] = number(await text(row.locator("td").nth(1)));
  }
  const audienceSamples = await page.locator("#audience-samples a[data-customer]").evaluateAll((links) => links.map((a) => a.dataset.customer));
  check(audienceSamples.length > 0, "the audience lists no sample customer");
  await shot("11-audience-count.png");
  await page.click(`#audience-samples a[data-customer="${audienceSamples[0]}"]`);
  await page.locator("#facts-title").filter({ hasText: audienceSamples[0] }).waitFor();
  // A number the service refuses: its message stands beside the field it names.
  await page.goBack();
  await page.locator("#audience-form").waitFor();
  await page.fill("#aud-samples", "500");
  await page.click("#audience-count");
  await page.locator("#aud-samples-error:not(:empty)").waitFor();
  const audienceFieldError = await text(page.locator("#aud-samples-error"));
  const audienceError = await text(page.locator("#audience-form-error"));
  check(audienceError.includes("/samples"), `the refusal does not name the field: "${audienceError}"`);
  check((await page.locator("#aud-samples").getAttribute("aria-invalid")) === "true", "the refused field is not marked");
  await shot("12-audience-refused.png");

  return { runId, reachSelected, reachCustomers, reachRows, reachHoldout, reachDiscounts, reachChart, draftRows, draftLiveRows,
    selectedShown, progressText, csvPath, refusal, audienceBody: asked.postData(), audienceShown, audienceSegments,
    audienceSamples, audienceFieldError };
});
