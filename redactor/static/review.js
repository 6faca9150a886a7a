// The review page. Every value from a document reaches the page through textContent, never as
// HTML; every change is sent at once and saved by the server before "saved" is shown.
"use strict";
(function () {
  const token = new URLSearchParams(location.search).get("token") || "";
  const $ = (id) => document.getElementById(id);
  let run = null, current = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function status(text, bad) { $("status").textContent = text; $("status").className = bad ? "bad" : "ok"; }

  async function call(path, body) {
    const options = { headers: { "X-Review-Token": token } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const answer = await fetch("api/" + path + "?token=" + encodeURIComponent(token), options);
    const data = await answer.json();
    if (!answer.ok) { status(data.error || "refused", true); throw new Error(data.error || "refused"); }
    return data;
  }
  async function change(path, body) {
    status("saving…");
    await call(path, body);
    status("saved");
    await loadRun();
    if (current !== null && !$("document-view").hidden) await openDocument(current);
    if (!$("people-view").hidden) await showPeople();
  }

  function show(view) {
    for (const id of ["documents-view", "document-view", "people-view", "apply-view"]) $(id).hidden = id !== view;
  }

  // ------------------------------------------------------------------ documents
  async function loadRun() {
    run = await call("run");
    $("folder").textContent = run.folder;
    fillFilter("filter-type", [...new Set(run.documents.flatMap((d) => d.types))].sort());
    fillFilter("filter-flag", [...new Set(run.documents.flatMap((d) => d.flag_types))].sort());
    fillFilter("filter-outcome", [...new Set(run.documents.map((d) => d.status))].sort());
    listDocuments();
  }
  function fillFilter(id, values) {
    const select = $(id), chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.add(new Option(v, v));
    select.value = values.includes(chosen) ? chosen : "";
  }
  function listDocuments() {
    const body = $("documents").tBodies[0];
    body.replaceChildren();
    const type = $("filter-type").value, flag = $("filter-flag").value, outcome = $("filter-outcome").value;
    for (const d of run.documents) {
      if ((type && !d.types.includes(type)) || (flag && !d.flag_types.includes(flag)) || (outcome && d.status !== outcome)) continue;
      const row = body.insertRow();
      const link = el("a", d.name);
      link.href = "#"; link.dataset.document = d.index;
      link.addEventListener("click", (e) => { e.preventDefault(); openDocument(d.index); });
      row.insertCell().append(link);
      row.insertCell().textContent = d.status + (d.message ? ": " + d.message : "") + (d.problem ? " — " + d.problem : "");
      row.insertCell().textContent = d.impact || "";
      row.insertCell().textContent = d.flags;
      row.insertCell().textContent = d.redact;
      row.insertCell().textContent = d.keep;
      if (d.impact) row.className = d.impact;
    }
  }

  // ------------------------------------------------------------------ one document
  async function openDocument(index) {
    current = index;
    const d = await call("documents/" + index);
    show("document-view");
    $("doc-name").textContent = d.name;
    $("doc-summary").textContent = `${d.status}; privacy impact ${d.impact || "none"}; ${d.redact} to redact, ${d.keep} kept`
      + (d.problem ? "; " + d.problem : "");
    drawText(d);
    drawPages(d);
    const list = $("findings");
    list.replaceChildren();
    for (const f of d.findings) {
      const item = el("li", null, "finding " + f.decision);
      item.dataset.finding = f.n;
      const button = el("button", f.decision === "redact" ? "redact" : "keep", "toggle " + f.decision);
      button.type = "button";
      button.addEventListener("click", () => toggle(f));
      item.append(button, " ", el("span", f.type, "type"), " ", el("b", f.text),
        el("span", " " + f.location + (f.person ? " · " + f.person + (f.uncertain ? "?" : "") : "")
          + (f.why ? " · " + f.why : ""), "why"));
      list.append(item);
    }
    fillList("flags", d.flags.map((f) => `${f.type}${f.category ? " (" + f.category + ")" : ""}, ${f.severity}: ${f.reason} — “${f.text}”`));
    fillList("look-here", d.look_here.map((l) => `${l.text} (${l.kind}, ${l.location})`));
    fillList("added", d.added.map((a) => `${a.text} — ${a.scope === "here" ? "here" : a.scope === "run" ? "everywhere in the run" : "everywhere in this document"}`));
  }
  async function drawPages(d) {
    const box = $("doc-pages");
    box.replaceChildren(box.firstElementChild);
    box.hidden = !d.pdf || !d.can_show;
    if (box.hidden) return;
    const data = await call("documents/" + d.index + "/pages");
    const svgNS = "http://www.w3.org/2000/svg";
    for (const p of data.pages) {
      const frame = el("div", null, "page");
      const img = el("img");
      img.src = `api/documents/${d.index}/pages/${p.page}.png?token=${encodeURIComponent(token)}`;
      img.alt = "page " + (p.page + 1);
      const svg = document.createElementNS(svgNS, "svg");
      svg.setAttribute("viewBox", `0 0 ${p.width} ${p.height}`);
      svg.setAttribute("class", "boxes");
      if (!p.rotate) {
        for (const q of p.boxes) {
          const poly = document.createElementNS(svgNS, "polygon");
          const points = [];
          for (let i = 0; i < 8; i += 2) points.push(`${q[i] - p.left},${p.bottom + p.height - q[i + 1]}`);
          poly.setAttribute("points", points.join(" "));
          svg.append(poly);
        }
      }
      frame.append(img, svg);
      box.append(el("p", "page " + (p.page + 1) + (p.rotate ? " (rotated: boxes not drawn here)" : ""), "hint"), frame);
    }
  }
  function fillList(id, lines) {
    const list = $(id);
    list.replaceChildren(...(lines.length ? lines : ["none"]).map((line) => el("li", line)));
  }
  function drawText(d) {
    const box = $("doc-text");
    box.replaceChildren();
    if (!d.can_show) { box.append(el("p", d.problem || "the document cannot be shown", "bad")); return; }
    const added = d.added_spans.map((a) => ({ ...a, type: a.type || "REDACTED", decision: "redact", n: null,
      why: "added by the reviewer", added: true }));
    const findings = [...d.findings, ...added].sort((a, b) => a.start - b.start || b.end - a.end);
    const flagged = d.flags.filter((f) => f.end > f.start);
    let at = 0;
    for (const f of findings) {
      if (f.start < at) continue; // inside a longer finding already drawn
      append(box, d.text.slice(at, f.start), at, flagged);
      const mark = el("mark", d.text.slice(f.start, f.end), "finding " + f.decision + " t-" + f.type);
      mark.title = `${f.type}: ${f.decision}${f.why ? " (" + f.why + ")" : ""}`;
      mark.dataset.from = f.start;
      if (f.added) mark.classList.add("added");
      else {
        mark.dataset.finding = f.n;
        mark.addEventListener("click", () => toggle(f));
      }
      box.append(mark);
      at = f.end;
    }
    append(box, d.text.slice(at), at, flagged);
    for (const f of flagged) {
      const note = el("span", "⚑ " + f.type + (f.category ? " " + f.category : ""), "flag " + f.severity);
      note.title = f.reason;
      const anchor = box.querySelector(`[data-from="${f.start}"]`);
      if (anchor) anchor.before(note);
    }
  }
  function append(box, text, from, flagged) {
    // plain text, cut where a flagged sentence starts so that its flag can stand before it
    const cuts = [...new Set(flagged.map((f) => f.start).filter((at) => at > from && at < from + text.length))]
      .sort((a, b) => a - b);
    let at = from;
    for (const cut of [...cuts, from + text.length]) {
      if (cut > at) {
        const span = el("span", text.slice(at - from, cut - from));
        span.dataset.from = at; // where a selection in it starts, for "redact here"
        box.append(span);
      }
      at = cut;
    }
  }
  async function toggle(f) {
    await change("decide", { document: current, finding: f.n, decision: f.decision === "redact" ? "keep" : "redact" });
  }

  // selecting text to redact it
  let selected = null;
  document.addEventListener("selectionchange", () => {
    const s = document.getSelection();
    if (!s || s.isCollapsed || !$("doc-text").contains(s.anchorNode)) return;
    const text = s.toString();
    const range = s.getRangeAt(0);
    const span = range.startContainer.parentElement;
    const from = span && span.dataset.from !== undefined ? Number(span.dataset.from) + range.startOffset : null;
    selected = { text: text, start: from };
    $("selection").textContent = text;
    $("selection-box").hidden = !text.trim();
  });
  async function add(scope) {
    if (!selected) return;
    const body = { document: current, text: selected.text, scope: scope, entity_type: $("selection-type").value.trim() };
    if (scope === "here") body.start = selected.start;
    await change("add", body);
    $("selection-box").hidden = true;
    selected = null;
  }

  // ------------------------------------------------------------------ people
  async function showPeople() {
    show("people-view");
    const data = await call("people");
    const body = $("people").tBodies[0];
    body.replaceChildren();
    for (const p of data.people) {
      const row = body.insertRow();
      row.dataset.person = p.person;
      row.insertCell().textContent = p.person;
      row.insertCell().textContent = p.names.join(", ");
      row.insertCell().textContent = p.roles.join(", ");
      const uncertain = p.mentions.filter((m) => m.uncertain).length;
      row.insertCell().textContent = p.mentions.length + (uncertain ? ` (${uncertain} uncertain: could be another person)` : "");
      const decisions = [...new Set(p.mentions.map((m) => m.decision))];
      row.insertCell().textContent = p.decision || decisions.join(" / ");
      const cell = row.insertCell();
      for (const decision of ["redact", "keep"]) {
        const b = el("button", decision + " all", "person-" + decision);
        b.type = "button";
        b.addEventListener("click", () => change("person", { person: p.person, decision: decision }));
        cell.append(b, " ");
      }
    }
  }

  // ------------------------------------------------------------------ apply
  async function apply(event) {
    event.preventDefault();
    status("applying…");
    const data = await call("apply", { recipient: $("recipient").value, purpose: $("purpose").value,
      basis: $("basis").value, by: $("by").value });
    const body = $("outcomes").tBodies[0];
    body.replaceChildren();
    for (const o of data.outcomes) {
      const row = body.insertRow();
      row.className = o.status;
      row.insertCell().textContent = o.file;
      row.insertCell().textContent = o.status + (o.message ? ": " + o.message : "");
      row.insertCell().textContent = o.copy ? data.folder + "/" + o.copy : "";
    }
    status(`applied into ${data.folder}; disclosure recorded`);
  }

  async function start() {
    await loadRun();
    const basis = $("basis");
    basis.add(new Option("choose…", ""));
    for (const [key, meaning] of Object.entries(run.legal_bases)) basis.add(new Option(`${key}: ${meaning}`, key));
    for (const id of ["filter-type", "filter-flag", "filter-outcome"]) $(id).addEventListener("change", listDocuments);
    $("show-documents").addEventListener("click", () => { show("documents-view"); listDocuments(); });
    $("show-people").addEventListener("click", showPeople);
    $("show-apply").addEventListener("click", () => show("apply-view"));
    $("undo").addEventListener("click", async () => {
      const data = await call("undo", {});
      status(data.undone ? "undone" : "nothing to undo");
      await loadRun();
      if (current !== null && !$("document-view").hidden) await openDocument(current);
      if (!$("people-view").hidden) await showPeople();
    });
    $("add-here").addEventListener("click", () => add("here"));
    $("add-document").addEventListener("click", () => add("document"));
    $("add-run").addEventListener("click", () => add("run"));
    $("apply-form").addEventListener("submit", apply);
    status("ready");
  }
  start();
})();
