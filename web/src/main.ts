// Détente dashboard: a few views over the JSON API, routed by the URL hash.
// Text from the API is only ever inserted with textContent, never as HTML.
import uPlot from "uplot";
import cytoscape from "cytoscape";

type Json = any;

const main = document.getElementById("main") as HTMLElement;

// el builds an element; string children become text nodes.
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...kids: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) if (k !== null) e.append(k);
  return e;
}

async function api(path: string, init?: RequestInit): Promise<Json> {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body;
}

function showError(where: HTMLElement, err: unknown) {
  where.replaceChildren(el("div", { class: "error" }, String((err as Error).message ?? err)));
}

function fmt(x: number, d = 1): string { return Number.isFinite(x) ? x.toFixed(d) : ""; }
function gsClass(g: number): string { return g > 0 ? "pos" : g < 0 ? "neg" : ""; }
function actorLabel(a: Json): string { return a?.code ? (a.name ? `${a.code} (${a.name})` : a.code) : "—"; }

// ---- routing ----

function route() {
  const hash = location.hash.replace(/^#\/?/, "") || "relations";
  const [path, qs] = hash.split("?");
  const parts = path.split("/");
  const q = new URLSearchParams(qs ?? "");
  document.querySelectorAll("nav a").forEach((a) =>
    a.classList.toggle("active", (a as HTMLElement).dataset.view === parts[0]));
  main.replaceChildren();
  switch (parts[0]) {
    case "network": return viewNetwork();
    case "events": return viewEvents(q);
    case "event": return viewEvent(parts[1]);
    case "article": return viewArticle(parts[1]);
    case "analyse": return viewAnalyse();
    default: return viewRelations(q);
  }
}

// ---- relations ----

let actorList: Promise<Json[]> | null = null;
function actors(): Promise<Json[]> {
  actorList ??= api("/api/actors?level=country&limit=500").then((r) => r.actors).catch(() => []);
  return actorList;
}

async function viewRelations(q: URLSearchParams) {
  const a = el("input", { type: "text", id: "actor-a", list: "actor-list", value: q.get("a") ?? "" });
  const b = el("input", { type: "text", id: "actor-b", list: "actor-list", value: q.get("b") ?? "" });
  const by = el("select", { id: "by" }, el("option", { value: "week" }, "week"), el("option", { value: "month" }, "month"), el("option", { value: "day" }, "day"));
  by.value = q.get("by") ?? "week";
  const list = el("datalist", { id: "actor-list" });
  const form = el("form", { class: "bar", id: "dyad-form" },
    el("label", {}, "Actor A", a), el("label", {}, "Actor B", b), el("label", {}, "Period", by),
    el("button", { type: "submit", id: "show-dyad" }, "Show"), list);
  const out = el("div", { id: "dyad-out" });
  main.append(el("h2", {}, "Relations between two actors"), form, out);
  actors().then((rows) => {
    for (const r of rows) list.append(el("option", { value: r.key }, `${r.events} events`));
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = `#/relations?a=${encodeURIComponent(a.value.trim().toUpperCase())}&b=${encodeURIComponent(b.value.trim().toUpperCase())}&by=${by.value}`;
  });
  if (q.get("a") && q.get("b")) { drawDyad(out, q.get("a")!, q.get("b")!, by.value); return; }
  // No dyad chosen yet: offer the busiest relations.
  try {
    const net = await api("/api/network?limit=500");
    // Merge the two directions of each pair.
    const pairs = new Map<string, { a: string; b: string; events: number; gsum: number }>();
    for (const e of net.edges) {
      const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
      const p = pairs.get(a + " " + b) ?? { a, b, events: 0, gsum: 0 };
      p.events += e.events;
      p.gsum += e.goldstein_mean * e.events;
      pairs.set(a + " " + b, p);
    }
    const top = [...pairs.values()].sort((x, y) => y.events - x.events || (x.a + x.b).localeCompare(y.a + y.b)).slice(0, 12);
    const picks = el("ul", { id: "top-dyads" });
    for (const p of top) {
      picks.append(el("li", {}, el("a", { href: `#/relations?a=${encodeURIComponent(p.a)}&b=${encodeURIComponent(p.b)}`, "data-a": p.a, "data-b": p.b }, `${p.a} – ${p.b}`),
        el("span", { class: "muted" }, ` ${p.events} event${p.events === 1 ? "" : "s"}, mean Goldstein ${fmt(p.gsum / p.events)}`)));
    }
    out.replaceChildren(el("h3", {}, "Busiest relations"), picks);
  } catch (err) { showError(out, err); }
}

async function drawDyad(out: HTMLElement, a: string, b: string, by: string) {
  out.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const [series, events] = await Promise.all([
      api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series?by=${by}`),
      api(`/api/events?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&limit=100`),
    ]);
    out.replaceChildren();
    const rows: Json[] = series.series;
    if (rows.length === 0) {
      out.append(el("p", { class: "muted", id: "dyad-empty" }, `No dated events between ${a} and ${b}.`));
    } else {
      const periods = [...new Set(rows.map((r) => r.period as string))].sort();
      const xs = periods.map((p) => Date.parse(p + "T00:00:00Z") / 1000);
      const idx = new Map(periods.map((p, i) => [p, i]));
      const zero = () => periods.map(() => 0);
      const none = () => periods.map(() => null as number | null);
      const coop = { ab: zero(), ba: zero() }, conf = { ab: zero(), ba: zero() }, gs = { ab: none(), ba: none() };
      for (const r of rows) {
        const i = idx.get(r.period)!;
        const d = r.source === series.a ? "ab" : "ba";
        coop[d][i] += r.quadclass[0] + r.quadclass[1];
        conf[d][i] += r.quadclass[2] + r.quadclass[3];
        gs[d][i] = r.goldstein_mean;
      }
      const width = Math.min(out.clientWidth || 1100, 1160) - 20;
      const counts = el("div", { class: "chart", id: "chart-counts" });
      const gold = el("div", { class: "chart", id: "chart-goldstein" });
      out.append(counts, gold);
      const bars = uPlot.paths.bars!({ size: [0.6, 40] });
      // Pad the time axis so one or two periods do not stretch over years.
      const step = by === "day" ? 86400 : by === "week" ? 7 * 86400 : 31 * 86400;
      const x: uPlot.Scale = { time: true, auto: false, range: [xs[0] - step, xs[xs.length - 1] + step] };
      new uPlot({
        title: `Events per ${by}: cooperation vs conflict`, width, height: 260, scales: { x },
        series: [{},
          { label: `${a}→${b} cooperation`, stroke: "#1a8f5a", fill: "rgba(26,143,90,0.25)", paths: bars },
          { label: `${a}→${b} conflict`, stroke: "#c8372d", fill: "rgba(200,55,45,0.25)", paths: bars },
          { label: `${b}→${a} cooperation`, stroke: "#5cc08e", dash: [6, 4] },
          { label: `${b}→${a} conflict`, stroke: "#ee8a80", dash: [6, 4] }],
        axes: [{}, { label: "events" }],
      }, [xs, coop.ab, conf.ab, coop.ba, conf.ba], counts);
      new uPlot({
        title: "Mean Goldstein score (−10 conflict … +10 cooperation)", width, height: 220,
        scales: { x, y: { range: [-10, 10] } },
        series: [{},
          { label: `${a}→${b}`, stroke: "#2457c5", width: 2, spanGaps: true, points: { show: true } },
          { label: `${b}→${a}`, stroke: "#e07b00", width: 2, spanGaps: true, points: { show: true } }],
        axes: [{}, { label: "Goldstein" }],
      }, [xs, gs.ab, gs.ba], gold);
    }
    out.append(el("h3", {}, `Events (${events.total})`), eventTable(events.events, "dyad-events"));
  } catch (err) { showError(out, err); }
}

function eventTable(events: Json[], id: string): HTMLElement {
  const tb = el("tbody");
  for (const e of events) {
    const tr = el("tr", { class: "click", "data-id": String(e.id) },
      el("td", {}, e.date || "—"), el("td", {}, actorLabel(e.source)), el("td", {}, e.cameo),
      el("td", {}, actorLabel(e.target)), el("td", {}, e.plover ?? ""),
      el("td", { class: "num " + gsClass(e.goldstein) }, fmt(e.goldstein)),
      el("td", { class: "num" }, String(e.num_mentions)), el("td", {}, e.location?.name ?? ""));
    tr.addEventListener("click", () => { location.hash = `#/event/${e.id}`; });
    tb.append(tr);
  }
  const head = el("tr", {}, ...["Date", "Source", "CAMEO", "Target", "PLOVER", "Goldstein", "Mentions", "Where"].map((h) => el("th", {}, h)));
  return el("table", { id }, el("thead", {}, head), tb);
}

// ---- network ----

async function viewNetwork() {
  const level = el("select", { id: "level" }, el("option", { value: "country" }, "countries"), el("option", { value: "code" }, "full actor codes"));
  const box = el("div", { id: "cy" });
  const note = el("p", { class: "muted" }, "Edge width: number of events; colour: mean Goldstein (red conflict, grey neutral, green cooperation; full colour at ±5). Click an edge to open the relation.");
  main.append(el("h2", {}, "Actor network"), el("form", { class: "bar" }, el("label", {}, "Level", level)), note, box);
  const draw = async () => {
    try {
      const net = await api(`/api/network?level=${level.value}&limit=150`);
      const maxE = Math.max(1, ...net.edges.map((e: Json) => e.events));
      const maxN = Math.max(1, ...net.nodes.map((n: Json) => n.events));
      // Mean Goldstein −10 … 0 … +10 runs red … grey … green.
      const colour = (g: number) => {
        const t = Math.max(-1, Math.min(1, g / 5));
        const to = t < 0 ? [200, 55, 45] : [26, 143, 90], k = Math.abs(t);
        const c = [150, 150, 150].map((v, i) => Math.round(v + (to[i] - v) * k));
        return `rgb(${c[0]},${c[1]},${c[2]})`;
      };
      cytoscape({
        container: box,
        elements: [
          ...net.nodes.map((n: Json) => ({ data: { id: n.id, size: 18 + 40 * Math.sqrt(n.events / maxN) } })),
          ...net.edges.map((e: Json) => ({ data: { id: `${e.source}>${e.target}`, source: e.source, target: e.target,
            w: 1 + 9 * Math.sqrt(e.events / maxE), c: colour(e.goldstein_mean), n: e.events } })),
        ],
        style: [
          { selector: "node", style: { label: "data(id)", width: "data(size)", height: "data(size)", "background-color": "#2457c5", color: "#1d2330", "font-size": 11 } },
          { selector: "edge", style: { width: "data(w)", "line-color": "data(c)", "target-arrow-color": "data(c)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
        ],
        layout: { name: "cose", animate: false },
      }).on("tap", "edge", (ev: Json) => {
        const d = ev.target.data();
        location.hash = `#/relations?a=${encodeURIComponent(d.source)}&b=${encodeURIComponent(d.target)}`;
      });
    } catch (err) { showError(box, err); }
  };
  level.addEventListener("change", draw);
  draw();
}

// ---- event browser ----

const filterFields = ["from", "to", "actor", "a", "b", "root", "plover", "country", "q"];

function viewEvents(q: URLSearchParams) {
  const inputs: Record<string, HTMLInputElement> = {};
  const labels: Record<string, string> = { from: "From", to: "To", actor: "Actor", a: "Dyad A", b: "Dyad B", root: "CAMEO root", plover: "PLOVER", country: "Place country", q: "Text" };
  const form = el("form", { class: "bar", id: "event-filters" });
  for (const f of filterFields) {
    inputs[f] = el("input", { type: f === "from" || f === "to" ? "date" : "text", name: f, value: q.get(f) ?? "" });
    if (f === "q") inputs[f].className = "wide";
    form.append(el("label", {}, labels[f], inputs[f]));
  }
  form.append(el("button", { type: "submit" }, "Filter"));
  const out = el("div", { id: "events-out" });
  main.append(el("h2", {}, "Events"), form, out);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const f of filterFields) if (inputs[f].value.trim()) p.set(f, inputs[f].value.trim());
    location.hash = "#/events?" + p.toString();
  });
  const offset = Number(q.get("offset") ?? 0) || 0;
  const p = new URLSearchParams();
  for (const f of filterFields) if (q.get(f)) p.set(f, q.get(f)!);
  p.set("limit", "50");
  p.set("offset", String(offset));
  api("/api/events?" + p.toString()).then((page) => {
    out.replaceChildren(eventTable(page.events, "event-list"));
    const pager = el("div", { class: "pager" }, el("span", { class: "muted" }, `${page.total} events, ${offset + 1}–${offset + page.events.length}`));
    const go = (o: number) => { p.set("offset", String(o)); p.delete("limit"); location.hash = "#/events?" + p.toString(); };
    if (offset > 0) { const b = el("button", { class: "plain" }, "← Previous"); b.onclick = () => go(Math.max(0, offset - 50)); pager.append(b); }
    if (offset + page.events.length < page.total) { const b = el("button", { class: "plain" }, "Next →"); b.onclick = () => go(offset + 50); pager.append(b); }
    out.append(pager);
  }).catch((err) => showError(out, err));
}

// ---- highlighting ----

interface Ann { start: number; end: number; cls: string; title?: string }

const enc = new TextEncoder(), dec = new TextDecoder();

// highlight renders text with the annotated byte ranges (API offsets are
// UTF-8 byte offsets) wrapped in classed spans; overlapping ranges nest
// their classes on the same segment.
function highlight(text: string, anns: Ann[], base = 0): HTMLElement {
  const bytes = enc.encode(text);
  const cuts = new Set<number>([0, bytes.length]);
  const ok = anns.filter((a) => a.start - base >= 0 && a.end - base <= bytes.length && a.end > a.start);
  for (const a of ok) { cuts.add(a.start - base); cuts.add(a.end - base); }
  const pts = [...cuts].sort((x, y) => x - y);
  const box = el("div", { class: "text" });
  for (let i = 0; i + 1 < pts.length; i++) {
    const s = pts[i], e = pts[i + 1];
    const piece = dec.decode(bytes.subarray(s, e));
    const on = ok.filter((a) => a.start - base <= s && a.end - base >= e);
    if (on.length === 0) { box.append(piece); continue; }
    const span = el("span", { class: on.map((a) => a.cls).join(" ") }, piece);
    const titles = on.map((a) => a.title).filter(Boolean);
    if (titles.length) span.title = titles.join("\n");
    box.append(span);
  }
  return box;
}

function legend(): HTMLElement {
  return el("p", { class: "legend" },
    el("span", { class: "hl-actor" }, "source actor"), el("span", { class: "hl-target" }, "target actor"),
    el("span", { class: "hl-trigger" }, "trigger"), el("span", { class: "hl-quote" }, "quote"),
    el("span", { class: "hl-place" }, "place"), el("span", { class: "hl-per" }, "person / organisation"));
}

function entityAnn(e: Json): Ann {
  const place = e.type === "GPE" || e.type === "LOC";
  return { start: e.start, end: e.end, cls: place ? "hl-place" : `hl-${String(e.type).toLowerCase()}`, title: `${e.type}${e.actor ? " " + e.actor : ""}: ${e.name}` };
}

function eventAnns(ev: Json, title: string): Ann[] {
  const out: Ann[] = [];
  if (ev.source) out.push({ start: ev.source.start, end: ev.source.end, cls: "hl-actor", title: `source ${title}` });
  if (ev.target) out.push({ start: ev.target.start, end: ev.target.end, cls: "hl-target", title: `target ${title}` });
  if (ev.trigger) out.push({ start: ev.trigger.start, end: ev.trigger.end, cls: "hl-trigger", title: `trigger ${title}` });
  return out;
}

// ---- event detail ----

async function viewEvent(id: string) {
  const out = el("div", { id: "event-detail" });
  main.append(out);
  try {
    const d = await api(`/api/events/${encodeURIComponent(id)}`);
    const e = d.event;
    out.append(
      el("h2", {}, `Event ${e.id}: ${actorLabel(e.source)} → ${e.cameo} → ${actorLabel(e.target)}`),
      el("div", { class: "card" },
        el("div", {}, `Date ${e.date || "unknown"} · CAMEO ${e.cameo} (root ${e.root}, QuadClass ${e.quadclass}) · PLOVER ${e.plover || "—"} · `,
          el("span", { class: gsClass(e.goldstein) }, `Goldstein ${fmt(e.goldstein)}`)),
        el("div", { class: "muted" }, `${e.num_mentions} mentions in ${e.num_articles} articles from ${e.num_sources} sources · tone ${fmt(e.avg_tone, 2)}${e.location ? " · " + e.location.name + " (" + e.location.country + ")" : ""}`)),
      el("h3", {}, "Evidence"), legend());
    for (const m of d.mentions) {
      const link = el("a", { href: `#/article/${m.article_id}` }, m.title || m.article_id.slice(0, 12));
      const card = el("div", { class: "card mention" }, el("div", {}, link, el("span", { class: "muted" }, ` ${m.published ?? ""} ${m.publisher ?? ""} · sentence ${m.sentence + 1} · ${m.cameo}${m.modality ? " · " + m.modality : ""}`)));
      if (m.evidence) {
        const h = highlight(m.evidence.text, eventAnns(m, m.cameo), m.evidence.start);
        h.className = "text evidence";
        card.append(h);
      }
      out.append(card);
    }
  } catch (err) { showError(out, err); }
}

// ---- article ----

async function viewArticle(id: string) {
  const out = el("div", { id: "article-view" });
  main.append(out);
  try {
    const v = await api(`/api/articles/${encodeURIComponent(id)}`);
    const anns: Ann[] = [
      ...v.quotes.map((q: Json) => ({ start: q.start, end: q.end, cls: "hl-quote", title: `quote${q.speaker_name ? " by " + q.speaker_name : ""}` })),
      ...v.entities.map(entityAnn),
      ...v.events.flatMap((e: Json) => eventAnns(e, `${e.source_code} ${e.cameo} ${e.target_code}`)),
    ];
    out.append(el("h2", {}, v.article.title || "Article"),
      el("p", { class: "muted" }, `${v.article.published ?? ""} ${v.article.source ?? ""} · tone ${fmt(v.tone.tone, 2)} · ${v.events.length} event mentions, ${v.entities.length} entities, ${v.quotes.length} quotes `,
        v.article.url ? el("a", { href: v.article.url, rel: "noreferrer noopener", target: "_blank" }, "source") : null),
      legend(), highlight(v.text, anns));
    const tb = el("tbody");
    for (const e of v.events) {
      const tr = el("tr", { class: "click" }, el("td", {}, String(e.sentence + 1)), el("td", {}, e.source_code), el("td", {}, e.cameo),
        el("td", {}, e.target_code), el("td", {}, e.trigger?.text ?? ""), el("td", { class: "num " + gsClass(e.goldstein) }, fmt(e.goldstein)));
      tr.onclick = () => { location.hash = `#/event/${e.event_id}`; };
      tb.append(tr);
    }
    out.append(el("h3", {}, "Events"), el("table", {}, el("thead", {}, el("tr", {}, ...["Sentence", "Source", "CAMEO", "Target", "Trigger", "Goldstein"].map((h) => el("th", {}, h)))), tb));
  } catch (err) { showError(out, err); }
}

// ---- analyse ----

function viewAnalyse() {
  const text = el("textarea", { id: "analyse-text", placeholder: "Paste a news article…" });
  const pub = el("input", { type: "date", id: "analyse-date" });
  const btn = el("button", { type: "submit", id: "analyse-go" }, "Analyse");
  const out = el("div", { id: "analyse-out" });
  const form = el("form", {}, text, el("div", { class: "bar" }, el("label", {}, "Published", pub), btn));
  main.append(el("h2", {}, "Analyse a text"), el("p", { class: "muted" }, "Nothing is stored."), form, out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    out.replaceChildren(el("p", { class: "muted" }, "Analysing…"));
    try {
      const an = await api("/api/analyze", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: text.value, published: pub.value }) });
      const tb = el("tbody");
      for (const e of an.events ?? []) {
        tb.append(el("tr", {}, el("td", {}, e.date || ""), el("td", {}, `${e.source.code} (${e.source.text})`), el("td", {}, `${e.cameo} ${e.plover?.event ?? ""}`),
          el("td", {}, e.target ? `${e.target.code} (${e.target.text})` : "—"), el("td", {}, e.trigger.text),
          el("td", { class: "num " + gsClass(e.goldstein) }, fmt(e.goldstein)), el("td", {}, e.modality ?? "")));
      }
      const anns: Ann[] = [
        ...(an.quotes ?? []).map((q: Json) => ({ start: q.start, end: q.end, cls: "hl-quote", title: `quote${q.speaker ? " by " + q.speaker.name : ""}` })),
        ...(an.entities ?? []).map(entityAnn),
        ...(an.places ?? []).map((p: Json) => ({ start: p.start, end: p.end, cls: "hl-place", title: `${p.name}, ${p.country}` })),
        ...(an.events ?? []).flatMap((e: Json) => eventAnns(e, `${e.source.code} ${e.cameo} ${e.target?.code ?? ""}`)),
      ];
      const quotes = el("ul", {});
      for (const q of an.quotes ?? []) quotes.append(el("li", {}, `${q.speaker?.name ?? "?"}: “${q.text}”`));
      out.replaceChildren(
        el("h3", {}, `Events (${(an.events ?? []).length})`),
        el("table", { id: "analyse-events" }, el("thead", {}, el("tr", {}, ...["Date", "Source", "CAMEO / PLOVER", "Target", "Trigger", "Goldstein", "Modality"].map((h) => el("th", {}, h)))), tb),
        el("h3", {}, `Quotes (${(an.quotes ?? []).length})`), quotes,
        el("h3", {}, "Text"), legend(), highlight(an.text ?? text.value, anns),
        el("p", { class: "muted" }, `Tone ${fmt(an.tone?.tone ?? 0, 2)} · ${(an.entities ?? []).length} entities · ${(an.places ?? []).length} places`));
    } catch (err) { showError(out, err); }
  });
}

// ---- start ----

api("/api/stats").then((s) => {
  const st = document.getElementById("stats")!;
  st.textContent = `${s.articles} articles · ${s.events} events · ${s.first_date ?? ""} – ${s.last_date ?? ""}`;
  if (!s.analyze) document.querySelector('nav a[data-view="analyse"]')?.remove();
}).catch(() => {});
window.addEventListener("hashchange", route);
route();
