// credscope play: the page. The engine is credscope compiled to
// WebAssembly (globalThis.credscope, registered by credscope.wasm); this
// file keeps the page's state, asks the engine, and shows its answers.
// Every text from the formula, the user or the engine goes into the page
// through textContent, never as HTML.
import {
  EditorState, StateEffect, StateField, EditorView, Decoration, keymap, hoverTooltip,
  drawSelection, placeholder, StreamLanguage, HighlightStyle, bracketMatching,
  syntaxHighlighting, autocompletion, closeBrackets, closeBracketsKeymap,
  completionKeymap, setDiagnostics, lintKeymap, defaultKeymap, history, historyKeymap, tags,
} from "./editor.js";

const SEED = 'IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")';
const $ = (id) => document.getElementById(id);

// state is everything the page evaluates; the share link holds all of it
// but the secrets and the pasted file.
const state = { formula: SEED, user: { fields: [], permissionSets: [] }, blankAsBlank: false, now: "", pasteName: "Pasted", pasteXML: "" };
let ctx = null;          // context.json: the project's files and the example users
let functions = [];      // the function table
const fnByName = new Map();
let fields = [];         // merge fields, for completion
let last = null;         // the engine's last answer
let view = null;         // the editor

// call runs one of the engine's functions; they take and return JSON text.
function call(name, ...args) {
  const out = JSON.parse(globalThis.credscope[name](...args));
  if (out && !Array.isArray(out) && typeof out.error === "string") throw new Error(out.error);
  return out;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// ---- the engine ----

async function loadEngine() {
  const go = new Go();
  const ready = new Promise((resolve) => { globalThis.credscopeReady = resolve; });
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch("credscope.wasm"), go.importObject);
  } catch {
    // A static host that serves the engine with another content type.
    const bytes = await (await fetch("credscope.wasm")).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
  go.run(result.instance);
  await ready;
}

function files() {
  const out = ctx.files.slice();
  const xml = state.pasteXML.trim();
  if (xml) {
    const name = (state.pasteName.trim() || "Pasted").replace(/[^A-Za-z0-9_]/g, "_");
    const stem = (f) => f.name.split("/").pop().split(".")[0];
    const kept = out.filter((f) => !(f.name.includes(".externalCredential") && stem(f) === name));
    kept.push({ name: name + ".externalCredential-meta.xml", text: xml });
    return kept;
  }
  return out;
}

let pending = 0;
function schedule() {
  clearTimeout(pending);
  pending = setTimeout(update, 60);
}

function update() {
  const req = { formula: state.formula, user: state.user, blankAsBlank: state.blankAsBlank, now: state.now, files: files() };
  try {
    last = call("evaluate", JSON.stringify(req));
  } catch (e) {
    $("status").textContent = "The engine failed: " + e.message;
    return;
  }
  showResult(last);
  showErrors(last);
  showTree(last.explain);
  showFieldErrors(last);
  showCredentials(last);
  view.dispatch(setDiagnostics(view.state, (last.errors || []).map((d) => ({
    from: Math.min(d.from, view.state.doc.length), to: Math.min(Math.max(d.to, d.from), view.state.doc.length),
    severity: "error", message: d.message,
  }))));
  view.dispatch({ effects: setSkipped.of(skippedRanges(last.explain)) });
}

// ---- the editor ----

const formulaLanguage = StreamLanguage.define({
  name: "formula",
  startState: () => ({ comment: false }),
  token(stream, st) {
    if (st.comment) {
      if (stream.match(/^.*?\*\//)) st.comment = false; else stream.skipToEnd();
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("/*")) { st.comment = true; return "comment"; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return "string";
    if (stream.match(/^\d+(?:\.\d+)?/)) return "number";
    const id = stream.match(/^[A-Za-z$][A-Za-z0-9$_:.#]*/);
    if (id) {
      const w = id[0].toUpperCase();
      if (w.startsWith("$")) return "variableName.special";
      if (w === "TRUE" || w === "FALSE") return "bool";
      if (w === "NULL") return "atom";
      if (stream.match(/^\s*\(/, false)) return "variableName.function";
      return "variableName";
    }
    if (stream.match(/^[()]/)) return "paren";
    stream.next();
    return "operator";
  },
  languageData: { closeBrackets: { brackets: ["(", '"', "'"] } },
});

const formulaHighlight = HighlightStyle.define([
  { tag: tags.string, class: "tok-string" },
  { tag: tags.number, class: "tok-number" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: tags.special(tags.variableName), class: "tok-field" },
  { tag: tags.function(tags.variableName), class: "tok-fn" },
  { tag: [tags.bool, tags.atom], class: "tok-atom" },
]);

// The completion of functions and merge fields, from the engine's tables.
function complete(context) {
  const word = context.matchBefore(/[A-Za-z$][A-Za-z0-9$_:.#]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  let options;
  if (word.text.startsWith("$")) {
    options = fields.map((f) => ({ label: f.name, type: "variable", detail: f.type + (f.secret ? ", secret" : "") }));
  } else {
    options = functions.map((f) => ({
      label: f.name, type: "function", detail: f.sigs[0] || "", info: f.doc,
      apply: (v, _c, from, to) => v.dispatch({ changes: { from, to, insert: f.name + "()" }, selection: { anchor: from + f.name.length + 1 } }),
    }));
    for (const k of ["TRUE", "FALSE", "NULL"]) options.push({ label: k, type: "keyword" });
  }
  return { from: word.from, options, validFor: /^[A-Za-z0-9$_:.#]*$/ };
}

// Hovering a function shows its documentation; hovering anything else, the
// innermost sub-expression there with its value.
const hover = hoverTooltip((v, pos) => {
  const line = v.state.doc.lineAt(pos);
  const text = line.text;
  let s = pos - line.from, e = s;
  while (s > 0 && /[A-Za-z0-9$_:.#]/.test(text[s - 1])) s--;
  while (e < text.length && /[A-Za-z0-9$_:.#]/.test(text[e])) e++;
  const word = text.slice(s, e).toUpperCase();
  const fn = fnByName.get(word);
  if (fn && /^\s*\(/.test(text.slice(e))) {
    return { pos: line.from + s, end: line.from + e, create: () => ({ dom: funcDoc(fn) }) };
  }
  const step = innermost(last && last.explain, pos);
  if (!step) return null;
  return { pos: step.from, end: step.to, create: () => ({ dom: el("div", { class: "doc" }, stepText(step)) }) };
});

function funcDoc(fn) {
  const d = el("div", { class: "doc", role: "note" });
  for (const sig of fn.sigs) d.append(el("span", { class: "sig" }, sig));
  d.append(el("p", {}, fn.doc));
  if (fn.example) d.append(el("p", {}, el("code", {}, fn.example), " → ", el("code", {}, fn.want || "")));
  return d;
}

function innermost(step, pos) {
  if (!step || pos < step.from || pos > step.to) return null;
  for (const c of step.steps || []) {
    const hit = innermost(c, pos);
    if (hit) return hit;
  }
  return step;
}

// Decorations: the sub-expression the explanation points at, and the
// branches the evaluation did not take, greyed out.
const setSkipped = StateEffect.define();
const setPointed = StateEffect.define();
const marks = StateField.define({
  create: () => ({ skipped: [], pointed: null }),
  update(value, tr) {
    let v = value;
    for (const e of tr.effects) {
      if (e.is(setSkipped)) v = { ...v, skipped: e.value };
      if (e.is(setPointed)) v = { ...v, pointed: e.value };
    }
    if (tr.docChanged) v = { skipped: [], pointed: null };
    return v;
  },
  provide: (f) => EditorView.decorations.from(f, (v) => {
    const ranges = v.skipped.map(([from, to]) => Decoration.mark({ class: "cm-skipped" }).range(from, to));
    if (v.pointed) ranges.push(Decoration.mark({ class: "cm-explained" }).range(v.pointed[0], v.pointed[1]));
    return Decoration.set(ranges.filter((r) => r.from < r.to), true);
  }),
});

function skippedRanges(step, out = []) {
  if (!step) return out;
  if (step.skipped) { out.push([step.from, step.to]); return out; }
  for (const c of step.steps || []) skippedRanges(c, out);
  return out;
}

function makeEditor() {
  view = new EditorView({
    parent: $("formula-editor"),
    state: EditorState.create({
      doc: state.formula,
      extensions: [
        history(), drawSelection(), bracketMatching(), closeBrackets(),
        formulaLanguage, syntaxHighlighting(formulaHighlight),
        autocompletion({ override: [complete], activateOnTyping: true }),
        hover, marks, EditorView.lineWrapping,
        placeholder("A formula, such as \"session:role:\" + $User.Department"),
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...lintKeymap, ...historyKeymap, ...defaultKeymap]),
        EditorView.contentAttributes.of({ "aria-label": "Formula", "aria-describedby": "formula-hint", "aria-multiline": "true" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) { state.formula = u.state.doc.toString(); schedule(); }
        }),
        EditorView.theme({ ".cm-skipped": { opacity: "0.5" } }),
      ],
    }),
  });
}

// ---- showing the answer ----

function showResult(r) {
  const out = $("result");
  const failed = (r.errors || []).length > 0;
  out.classList.toggle("failed", failed);
  $("result-value").textContent = failed ? "error" : r.value;
  $("result-type").textContent = r.type || "";
  out.querySelector(".sep").hidden = !r.type;
}

function showErrors(r) {
  const list = $("errors");
  list.replaceChildren(...(r.errors || []).map((d) => el("li", {}, d.rendered)));
}

function shown(src) {
  const s = src.replace(/\s+/g, " ");
  return s.length > 80 ? s.slice(0, 79) + "…" : s;
}

function stepText(step) {
  const span = el("span", {}, el("span", { class: "src" }, shown(step.source)));
  if (step.skipped) span.append(el("span", { class: "t" }, "  (not evaluated)"));
  else if (step.error) span.append(el("span", { class: "err" }, "  error: " + step.error));
  else if (step.value === step.source.trim()) span.append(" : ", el("span", { class: "t" }, step.type)); // a literal
  else span.append(" = ", el("span", { class: "v" }, step.value), " : ", el("span", { class: "t" }, step.type));
  return span;
}

function showTree(root) {
  const tree = $("tree");
  if (!root) { tree.replaceChildren(el("p", { class: "muted" }, "No value to explain.")); return; }
  const point = (step) => () => view.dispatch({ effects: setPointed.of([step.from, Math.min(step.to, view.state.doc.length)]) });
  const unpoint = () => view.dispatch({ effects: setPointed.of(null) });
  const item = (step) => {
    const li = el("li", { class: step.skipped ? "skipped" : "" });
    const label = stepText(step);
    label.classList.add("node");
    if (step.steps && step.steps.length) {
      const det = el("details", { open: "" });
      const sum = el("summary", {}, label);
      sum.addEventListener("mouseenter", point(step));
      sum.addEventListener("focus", point(step));
      sum.addEventListener("mouseleave", unpoint);
      sum.addEventListener("blur", unpoint);
      det.append(sum, el("ul", {}, ...step.steps.map(item)));
      li.append(det);
    } else {
      label.tabIndex = 0;
      label.addEventListener("mouseenter", point(step));
      label.addEventListener("focus", point(step));
      label.addEventListener("mouseleave", unpoint);
      label.addEventListener("blur", unpoint);
      li.append(label);
    }
    return li;
  };
  tree.replaceChildren(el("ul", { "aria-label": "Sub-expressions and their values" }, item(root)));
}

function showFieldErrors(r) {
  for (const p of document.querySelectorAll("#fields .field-error")) {
    const name = p.dataset.field;
    p.textContent = (r.fieldErrors && r.fieldErrors[name]) || "";
  }
  $("now-error").textContent = r.nowError || "";
}

function showCredentials(r) {
  const box = $("credentials");
  const pick = $("cred-pick");
  const names = (r.credentials || []).map((c) => c.name);
  const options = [...pick.options].slice(1).map((o) => o.value);
  if (names.join("\n") !== options.join("\n")) {
    const keep = pick.value;
    pick.replaceChildren(pick.options[0], ...names.map((n) => el("option", { value: n }, n)));
    pick.value = names.includes(keep) ? keep : "";
  }
  const creds = (r.credentials || []).filter((c) => !pick.value || c.name === pick.value);
  const problems = (r.problems || []).map((p) => el("p", { class: "refusal" }, p));
  if (!creds.length) { box.replaceChildren(...problems, el("p", { class: "muted" }, "No external credential loaded.")); return; }
  box.replaceChildren(...problems, ...creds.map((c) => {
    const rows = c.principals.map((p) => el("tr", { class: p.reached ? "reached" : "" },
      el("td", {}, p.name + (p.reached ? " ✓ reached" : "")), el("td", {}, p.type), el("td", {}, p.sequence), el("td", {}, p.scope || "")));
    const table = el("table", {},
      el("caption", { class: "visually-hidden" }, "Principals of " + c.name),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Principal"), el("th", { scope: "col" }, "Type"), el("th", { scope: "col" }, "Seq."), el("th", { scope: "col" }, "Scope formula"))),
      el("tbody", {}, ...rows));
    const dl = el("dl", {},
      el("dt", {}, "principal"), el("dd", {}, c.principal ? c.principal + ": " + c.why : (c.why || "none reached")),
      el("dt", {}, "credential scope"), el("dd", {}, c.credentialScope),
      el("dt", {}, "principal scope"), el("dd", {}, c.principalScope),
      el("dt", {}, "scope"), el("dd", { class: "composed" }, c.error ? "refused" : c.scope));
    const principals = rows.length ? table : el("p", { class: "muted" }, "No principals.");
    const sec = el("section", { class: "cred", "aria-label": "Credential " + c.name, "data-credential": c.name }, el("h3", {}, c.name), principals, dl);
    if (c.error) {
      const ref = el("div", { class: "refusal", role: "alert" }, el("p", {}, c.error));
      if (c.refusal) {
        const t = c.refusal.text;
        const ch = c.refusal.char === " " ? "a space" : JSON.stringify(c.refusal.char);
        ref.append(el("p", {}, "In the " + c.refusal.level + " scope: ",
          el("span", { class: "scope-text" }, t.slice(0, c.refusal.from),
            el("mark", { title: "the offending character: " + ch, "aria-label": "offending character: " + ch }, t.slice(c.refusal.from, c.refusal.to)),
            t.slice(c.refusal.to))));
      }
      sec.append(ref);
    }
    return sec;
  }));
}

// ---- the user panel ----

function showUser() {
  const box = $("fields");
  box.replaceChildren(...state.user.fields.map((f, i) => {
    const id = "field-" + i;
    const input = el("input", { id, type: f.secret ? "password" : "text", spellcheck: "false", autocomplete: "off", "data-field": f.name, "aria-describedby": id + "-err" });
    input.value = f.value;
    input.addEventListener("input", () => { f.value = input.value; schedule(); });
    return el("div", {},
      el("div", { class: "row" }, el("label", { for: id }, f.name + " (" + f.type + (f.secret ? ", secret" : "") + ")"), input),
      el("p", { class: "field-error", id: id + "-err", "data-field": f.name }));
  }), addFieldRow());
  $("perm-sets").value = state.user.permissionSets.join(", ");
  $("blank-as-blank").checked = state.blankAsBlank;
  $("now").value = state.now;
  refreshFields();
}

function addFieldRow() {
  const name = el("input", { id: "add-name", spellcheck: "false", placeholder: "$User.Title" });
  const type = el("select", { id: "add-type" }, ...["Text", "Number", "Boolean", "Date", "DateTime", "Time"].map((t) => el("option", {}, t)));
  const add = el("button", { type: "button", id: "add-field" }, "Add field");
  add.addEventListener("click", () => {
    const n = name.value.trim();
    if (!n || state.user.fields.some((f) => f.name.toLowerCase() === n.toLowerCase())) return;
    state.user.fields.push({ name: n, type: type.value, value: "" });
    showUser();
    schedule();
    document.querySelector(`[data-field="${CSS.escape(n)}"]`)?.focus();
  });
  return el("div", { class: "row" }, el("label", { for: "add-name" }, "Add a field"), name,
    el("label", { for: "add-type", class: "visually-hidden" }, "Type of the new field"), type, add);
}

function refreshFields() {
  try { fields = call("fields", JSON.stringify({ user: state.user, files: files() })); } catch { fields = []; }
}

function clone(u) { return JSON.parse(JSON.stringify(u)); }

// ---- sharing ----

// The share link holds the formula, the user without the values of secret
// fields, and the settings, in the fragment: browsers never send it.
function shareLink() {
  const s = {
    f: state.formula, b: state.blankAsBlank, n: state.now, p: state.user.permissionSets,
    u: state.user.fields.map((f) => [f.name, f.type, f.secret ? "" : f.value, f.secret ? 1 : 0]),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  const enc = btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return location.href.split("#")[0] + "#s=" + enc;
}

function restore(hash) {
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return false;
  try {
    const bin = atob(m[1].replace(/-/g, "+").replace(/_/g, "/"));
    const s = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
    const secrets = new Map(ctx.user.fields.filter((f) => f.secret).map((f) => [f.name, f.value]));
    state.formula = String(s.f ?? "");
    state.blankAsBlank = !!s.b;
    state.now = String(s.n ?? "");
    state.user = {
      permissionSets: (s.p || []).map(String),
      fields: (s.u || []).map(([name, type, value, secret]) => ({
        name: String(name), type: String(type), secret: !!secret, value: secret ? (secrets.get(name) || "") : String(value),
      })),
    };
    return true;
  } catch {
    return false;
  }
}

// ---- start ----

async function start() {
  try {
    ctx = await (await fetch("context.json")).json();
    await loadEngine();
  } catch (e) {
    $("status").textContent = "The engine did not load: " + e.message;
    return;
  }
  functions = call("functions");
  for (const f of functions) fnByName.set(f.name, f);
  state.user = clone(ctx.user);
  const restored = restore(location.hash);
  $("project-name").textContent = "Credentials of " + ctx.project + ".";
  const pick = $("user-pick");
  pick.append(el("option", { value: "" }, restored ? "the shared user" : "the example user alice"),
    ...Object.keys(ctx.users).sort().map((n) => el("option", { value: n }, "example user " + n)));
  pick.addEventListener("change", () => {
    if (!pick.value) return;
    state.user = clone(ctx.users[pick.value]);
    showUser();
    schedule();
  });
  $("perm-sets").addEventListener("input", (e) => {
    state.user.permissionSets = e.target.value.split(",").map((s) => s.trim()).filter(Boolean);
    schedule();
  });
  $("blank-as-blank").addEventListener("change", (e) => { state.blankAsBlank = e.target.checked; schedule(); });
  $("now").addEventListener("input", (e) => { state.now = e.target.value; schedule(); });
  $("paste-name").addEventListener("input", (e) => { state.pasteName = e.target.value; refreshFields(); schedule(); });
  $("paste-xml").addEventListener("input", (e) => { state.pasteXML = e.target.value; refreshFields(); schedule(); });
  $("cred-pick").addEventListener("change", () => showCredentials(last));
  $("paste-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    // Read in the page: the file goes nowhere.
    state.pasteXML = await file.text();
    $("paste-xml").value = state.pasteXML;
    const stem = file.name.split(".")[0];
    if (stem) { state.pasteName = stem; $("paste-name").value = stem; }
    refreshFields();
    schedule();
  });
  $("share").addEventListener("click", async () => {
    const link = shareLink();
    $("share-link").value = link;
    history.replaceState(null, "", link);
    try { await navigator.clipboard.writeText(link); $("status").textContent = "Share link copied."; } catch { $("status").textContent = "Share link ready below."; }
  });
  makeEditor();
  showUser();
  update();
  $("status").textContent = restored ? "Engine ready; the shared formula and user are restored." : "Engine ready.";
  document.body.dataset.ready = "true";
}

start();
