// Dates, numbers and durations as the business reads them (locale and zone from config.js).
import { LOCALE, TIME_ZONE } from "./config.js";

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "medium", timeZone: TIME_ZONE });

const blank = (value) => value === null || value === undefined || value === "";

export const int = (value) => (blank(value) ? "–" : integer.format(value));
export const num = (value) => (blank(value) ? "–" : decimal.format(value));
/** A share from 0 to 1. */
export const share = (value) => (blank(value) || !isFinite(value) ? "–" : percent.format(value));
/** A discount or holdout given in percent points (15 means 15 %). */
export const points = (value) => (blank(value) ? "–" : `${decimal.format(value)} %`);
/** An ISO date (2026-11-26): a calendar day, no zone. */
export const date = (iso) => (blank(iso) ? "–" : day.format(new Date(iso + "T00:00:00Z")));
/** An instant, shown in the business zone. */
export const dateTime = (iso) => (blank(iso) ? "–" : moment.format(new Date(iso)));

export function duration(seconds) {
  if (blank(seconds)) return "–";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Today in the business zone as an ISO date. */
export function today() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date());
}

// The service's own reason codes in words; a model's reasons are already written for people.
const CODES = {
  NO_CONSENT: "No marketing consent", FRAUD_SUSPECTED: "Fraud suspected", CONTACT_PRESSURE: "Contacted by too many campaigns",
  HOLDOUT: "Held out to measure the effect", CAPPED: "Over the cap", NO_RULE_MATCHED: "No row of the table matched",
  MODEL_ERROR: "The table could not decide",
};

/** A reason as a person reads it, with the code kept beside it for whoever looks it up. */
export const reason = (text) => (CODES[text] ? `${CODES[text]} (${text})` : text);
