// Which runs exist: a campaign's runs and the recent runs of every campaign, newest first, as run views.
import { get, enc } from "./api.js";

export const campaignRuns = (campaignId) => get(`/campaigns/${enc(campaignId)}/selections?limit=50`);

export const recentRuns = () => get("/selections?limit=50");
