// Small building blocks shared by the pages: elements, tables, figures, bar charts, badges and messages.

/** h("a", {href: "#/x", class: "button"}, "text", child): an element; attributes starting with "on" are listeners. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.substring(2), value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/**
 * A table: columns are [heading, cell(row), className?]; a cell answers text or an element. An empty list shows
 * `empty` in one row, so that "nothing" is said rather than left blank.
 */
export function table(columns, rows, empty, attributes) {
  const head = h("tr", null, columns.map(([heading, , className]) => h("th", { scope: "col", class: className }, heading)));
  const body = rows.length === 0
    ? [h("tr", null, h("td", { colspan: columns.length, class: "muted" }, empty || "None."))]
    : rows.map((row) => h("tr", null, columns.map(([, cell, className]) => h("td", { class: className }, cell(row)))));
  return h("table", attributes, h("thead", null, head), h("tbody", null, body));
}

export function badge(value, label) {
  return h("span", { class: "badge " + value }, label || value);
}

/** Big numbers with their labels: [[label, value, id?], ...]. */
export function figures(items) {
  return h("div", { class: "figures" }, items.map(([label, value, id]) =>
    h("div", { class: "figure" }, h("div", { class: "value", id }, value), h("div", { class: "label" }, label))));
}

/**
 * A horizontal bar chart: [[label, count, className?], ...], each bar scaled to the largest, the number beside it
 * so that a short bar still says what it counts.
 */
export function bars(items, format, attributes) {
  const max = Math.max(1, ...items.map(([, count]) => count));
  return h("div", { class: "bars", role: "img", ...attributes },
    items.flatMap(([label, count, className]) => [
      h("span", null, label),
      h("div", { class: "track" }, h("div", { class: "bar " + (className || ""), style: `width: ${(count / max) * 100}%` })),
      h("span", { class: "num" }, format(count)),
    ]));
}

/** A progress bar for a share from 0 to 1. */
export function progressBar(share, label) {
  return h("div", { class: "progress", role: "progressbar", "aria-label": label, "aria-valuemin": 0, "aria-valuemax": 100,
    "aria-valuenow": Math.round(share * 100) }, h("div", { style: `width: ${share * 100}%` }));
}

export function message(kind, text, id) {
  return h("p", { class: "message " + kind, role: kind === "error" ? "alert" : "status", id }, text);
}

/** A labelled description list from [[term, value], ...]. */
export function facts(items) {
  return h("dl", { class: "facts" }, items.flatMap(([term, value]) => [h("dt", null, term), h("dd", null, value)]));
}

/** Asks before an action with consequences; resolves true when the user confirms. */
export function confirmDialog(title, body, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { "aria-labelledby": "confirm-title", id: "confirm" },
      h("h2", { id: "confirm-title" }, title), body,
      h("div", { class: "toolbar" },
        h("button", { class: "primary", id: "confirm-yes", onclick: () => close(true) }, confirmLabel),
        h("button", { id: "confirm-no", onclick: () => close(false) }, "Cancel")));
    function close(answer) {
      dialog.close();
      dialog.remove();
      resolve(answer);
    }
    dialog.addEventListener("cancel", () => close(false));
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}
