// The DMN XML of any version of a model that the audit trail names: a published version by its hash, else the
// draft that produced it. Shared by the workspace and the editor page, each with its own way to call the service.

/** `request(method, path)` answers {ok, status, body}; the result loads the XML of (version, draftId). */
export function versionXml(request, name, problemText) {
  const base = `/decision-models/${encodeURIComponent(name)}`;
  let seqOf = null;
  return async (version, draftId) => {
    if (seqOf === null) {
      const versions = await request("GET", base + "/versions");
      seqOf = new Map(versions.ok ? versions.body.map((v) => [v.version, v.seq]) : []);
    }
    const path = seqOf.has(version) ? `${base}/dmn?version=${seqOf.get(version)}` : draftId ? `${base}/drafts/${draftId}/dmn` : null;
    if (!path) throw new Error(`Version ${version} is not stored as a published version or draft.`);
    const answer = await request("GET", path);
    if (!answer.ok) throw new Error(problemText(answer));
    return answer.body;
  };
}

/** Whether an audit entry changed the model, so that there is a change to draw. */
export const changedModel = (entry) => Boolean(entry.fromVersion && entry.toVersion && entry.fromVersion !== entry.toVersion);
