// The business zone's conventions, in one place: every date and number on the pages is written with these.
export const LOCALE = "de-DE";
export const TIME_ZONE = "Europe/Berlin";
// How often a running run or preview is asked for its progress.
export const POLL_MS = 700;
