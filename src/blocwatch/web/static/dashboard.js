/* blocwatch dashboard: one page, six views, all data from the HTTP API on this host. */
"use strict";
(function () {
  const PALETTE = ["#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#558b2f", "#4e342e", "#37474f"];
  const QUADS = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"};
  const QUAD_COLOURS = {1: "#81c784", 2: "#2e7d32", 3: "#e57373", 4: "#c62828"};
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const PAGE = 50;
  const ORIGIN_AWARE = ["/api/network", "/api/relations", "/api/pair-events", "/api/events", "/api/triad-timeline"];
  const ACTORS_AWARE = ["/api/network", "/api/triad-timeline"];  // what the network counts: states (default) or all
  const state = {names: {}, span: null, months: [], charts: {}, playing: null, busy: 0};
  window.blocwatch = state;

  // ---- helpers -------------------------------------------------------------------------------
  const $ = (sel) => document.querySelector(sel);
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  }
  function name(code) {
    if (!code) return "—";
    const n = state.names[code];
    return n ? `${esc(n)} <span class="code">(${esc(code)})</span>` : esc(code);
  }
  function plainName(code) { return state.names[code] ? `${state.names[code]} (${code})` : (code || ""); }
  function fmtDate(iso, precision) {
    if (!iso) return "undated";
    const [y, m, d] = String(iso).slice(0, 10).split("-").map(Number);
    if (precision === "year") return String(y);
    if (precision === "month") return `${MONTHS[m - 1]} ${y}`;
    if (precision === "before") return `by ${fmtDate(iso, "day")}`;
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  function isoDay(dt) { return dt.toISOString().slice(0, 10); }
  function codeOf(text) {
    const t = (text || "").trim();
    if (!t) return "";
    const paren = t.match(/\(([A-Za-z]{3})\)\s*$/);
    if (paren) return paren[1].toUpperCase();
    if (/^[A-Za-z]{3}$/.test(t)) return t.toUpperCase();
    const lower = t.toLowerCase();
    for (const [c, n] of Object.entries(state.names)) if (n.toLowerCase() === lower) return c;
    return t.toUpperCase();
  }
  function originNote() { return state.origin ? ` · events from ${state.origin} only` : " · events of every origin"; }
  function setStatus(text) { $("#status").textContent = text || ""; }
  async function getJSON(path, params) {
    const url = new URL(path, window.location.origin);
    if (state.origin && ORIGIN_AWARE.includes(path)) url.searchParams.set("origin", state.origin);
    if (state.actors && ACTORS_AWARE.includes(path)) url.searchParams.set("actors", state.actors);
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) url.searchParams.set(k, v);
    state.busy++;
    try {
      const resp = await fetch(url);
      const body = await resp.json();
      if (!resp.ok) {
        const err = new Error((body.error && body.error.message) || resp.statusText);
        err.code = body.error && body.error.code;
        throw err;
      }
      return {body, total: resp.headers.get("X-Total-Count")};
    } finally { state.busy--; }
  }
  function showEmpty(id, text) {
    const el = $(id);
    el.hidden = !text;
    el.textContent = text || "";
  }
  function chart(id) {
    if (!state.charts[id]) {
      state.charts[id] = echarts.init(document.getElementById(id), null, {renderer: "canvas"});
      window.addEventListener("resize", () => state.charts[id].resize());
    }
    return state.charts[id];
  }
  function highlight(sentence, src, tgt) {
    const spans = [[src, "src"], [tgt, "tgt"]].filter((s) => s[0]).map((s) => [s[0][0], s[0][1], s[1]]).sort((a, b) => a[0] - b[0]);
    let out = "", at = 0;
    for (const [start, end, cls] of spans) {
      if (start < at || end > sentence.length) continue;
      out += esc(sentence.slice(at, start)) + `<mark class="${cls}">` + esc(sentence.slice(start, end)) + "</mark>";
      at = end;
    }
    return out + esc(sentence.slice(at));
  }
  function hashParams() {
    const [path, query] = window.location.hash.replace(/^#\/?/, "").split("?");
    return {view: path || "overview", params: new URLSearchParams(query || "")};
  }
  function go(view, params) {
    const clean = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null && v !== false) clean.set(k, v);
    if ($("#origin").value && !clean.has("origin")) clean.set("origin", $("#origin").value);
    if ($("#actors").value === "all" && !clean.has("actors")) clean.set("actors", "all");
    const q = clean.toString();
    window.location.hash = `#/${view}${q ? "?" + q : ""}`;
  }

  // ---- router ----------------------------------------------------------------------------------
  const VIEWS = {overview: showOverview, pair: showPair, events: showEvents, obligations: showObligations, triads: showTriads, signals: showSignals};
  async function route() {
    const hash = window.location.hash;
    let {view, params} = hashParams();
    if (!VIEWS[view]) view = "overview";
    state.origin = params.get("origin") || "";
    $("#origin").value = state.origin;
    state.actors = params.get("actors") === "all" ? "all" : "";
    $("#actors").value = state.actors || "state";
    const kept = new URLSearchParams();
    if (state.origin) kept.set("origin", state.origin);
    if (state.actors) kept.set("actors", state.actors);
    const keep = kept.toString() ? `?${kept}` : "";
    $("#report-link").href = "/report" + keep;
    for (const tab of document.querySelectorAll("ul.tabs a[data-view]")) tab.setAttribute("href", `#/${tab.dataset.view}${keep}`);
    for (const el of document.querySelectorAll(".view")) el.hidden = el.id !== `view-${view}`;
    for (const a of document.querySelectorAll("ul.tabs a[data-view]")) {
      if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    }
    document.title = `blocwatch · ${$(`#h-${view}`).textContent}`;
    setStatus("");
    try {
      await VIEWS[view](params);
      const c = state.charts[`${view === "overview" ? "network" : view}-chart`];
      if (c) c.resize();
    } catch (err) {
      setStatus(`Could not load: ${err.message}`);
    } finally {
      if (window.location.hash === hash) document.body.dataset.drawn = hash;  // tests wait for this
    }
  }

  // ---- overview: the network at a date ---------------------------------------------------------
  function monthsBetween(first, last) {
    const out = [];
    let [y, m] = first.split("-").map(Number);
    const [ly, lm] = last.split("-").map(Number);
    while (y < ly || (y === ly && m <= lm)) {
      const end = new Date(Date.UTC(y, m, 0));
      out.push(isoDay(end) < last ? isoDay(end) : last);
      m++; if (m > 12) { m = 1; y++; }
    }
    return out;
  }
  async function showOverview(params) {
    const slider = $("#at-slider");
    const win = params.get("window") || $("#window").value;
    $("#window").value = win;
    const {body} = await getJSON("/api/network", {at: params.get("at"), window: win});
    const span = body.span;
    const spanKey = `${span.first}/${span.last}`;
    if (state.spanKey !== spanKey) {
      state.spanKey = spanKey;
      state.months = span.first ? monthsBetween(String(span.first), String(span.last)) : [];
      slider.max = String(Math.max(0, state.months.length - 1));
    }
    const at = String(body.date);
    let idx = state.months.findIndex((d) => d >= at);
    slider.value = String(idx < 0 ? state.months.length - 1 : idx);
    slider.setAttribute("aria-valuetext", fmtDate(at, "day"));
    $("#at-label").textContent = fmtDate(at, "day");
    drawNetwork(body);
  }
  function drawNetwork(net) {
    const el = $("#network-chart");
    el.dataset.date = String(net.date);
    el.dataset.edges = String(net.edges.length);
    const days = net.window_days;
    const who = net.actors === "all" ? "every actor's events" : "what states do (governments, armies; in one-party states also party and press)";
    $("#overview-scope").textContent = `Scope: ties from ${who} in the ${days} days up to ${fmtDate(String(net.date), "day")}, ` +
      `plus treaty ties in force that day · ${net.nodes.length} states · ${net.edges.length} ties · ` +
      `stored events run from ${fmtDate(net.span.first, "day")} to ${fmtDate(net.span.last, "day")}${originNote()}.`;
    const blocOf = {};
    net.blocs.forEach((b, i) => b.members.forEach((m) => { blocOf[m] = i; }));
    $("#bloc-list").innerHTML = net.blocs.map((b, i) => `<li><span class="swatch" style="background:${PALETTE[i % PALETTE.length]}"></span>` +
      `Bloc ${i + 1}: ${b.members.map(name).join(", ")} <small>cohesion ${b.cohesion == null ? "—" : (b.cohesion >= 0 ? "+" : "") + b.cohesion.toFixed(2)}</small></li>`).join("");
    $("#edge-table tbody").innerHTML = net.edges.map((e) => `<tr><td><button type="button" data-dyad="${esc(e.a)}-${esc(e.b)}">` +
      `${esc(e.a)} – ${esc(e.b)}</button></td><td class="${e.weight > 0 ? "pos" : "neg"}">${signed(e.weight)}</td>` +
      `<td>${signed(e.events)}</td><td>${signed(e.treaty)}</td></tr>`).join("");
    showEmpty("#overview-empty", net.edges.length ? "" :
      `No ties between states in the ${days} days up to ${fmtDate(String(net.date), "day")}: no stored events in that window and no treaty in force among states with events. Move the slider or widen the window.`);
    const c = chart("network-chart");
    c.setOption({
      tooltip: {formatter: (p) => p.dataType === "edge" ? `${p.data.source} – ${p.data.target}: ${signed(p.data.weight)}` : esc(plainName(p.data.name))},
      animation: false,
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        force: {repulsion: 420, edgeLength: [80, 200], gravity: 0.08, layoutAnimation: false},
        label: {show: true, color: "#fff", fontWeight: "bold"},
        data: net.nodes.map((n) => ({name: n.id, value: n.strength, symbolSize: 30 + 14 * Math.min(n.strength, 3) / 3,
          itemStyle: {color: PALETTE[(blocOf[n.id] || 0) % PALETTE.length]}})),
        links: net.edges.map((e) => ({source: e.a, target: e.b, weight: e.weight,
          lineStyle: {color: e.weight > 0 ? "#2e7d32" : "#c62828", width: 1 + 6 * Math.abs(e.weight), opacity: 0.75,
            type: e.events ? "solid" : "dashed"}})),
        emphasis: {focus: "adjacency", lineStyle: {width: 8}},
      }],
    }, true);
    c.off("click");
    c.on("click", (p) => { if (p.dataType === "edge") go("pair", {dyad: `${p.data.source}-${p.data.target}`}); });
  }
  function signed(x) { return (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.abs(x).toFixed(2); }
  function sliderMoved(commit) {
    const d = state.months[Number($("#at-slider").value)];
    if (!d) return;
    $("#at-label").textContent = fmtDate(d, "day");
    if (commit) go("overview", {at: d, window: $("#window").value});
  }
  function togglePlay() {
    const btn = $("#play");
    if (state.playing) {
      clearInterval(state.playing); state.playing = null;
      btn.textContent = "▶ Play"; btn.setAttribute("aria-pressed", "false");
      return;
    }
    const slider = $("#at-slider");
    if (Number(slider.value) >= Number(slider.max)) slider.value = "0";
    btn.textContent = "❚❚ Pause"; btn.setAttribute("aria-pressed", "true");
    state.playing = setInterval(() => {
      if (state.busy) return;
      const next = Number(slider.value) + Math.max(1, Math.round(state.months.length / 60));
      if (next > Number(slider.max)) { togglePlay(); return; }
      slider.value = String(next);
      sliderMoved(true);
    }, 700);
  }

  // ---- pair: a timeline on a true time axis ----------------------------------------------------
  function periodStart(period) {
    const m = period.match(/^(\d{4})(?:-Q(\d)|-(\d{2}))?$/);
    const y = Number(m[1]);
    const month = m[2] ? (Number(m[2]) - 1) * 3 + 1 : m[3] ? Number(m[3]) : 1;
    return new Date(Date.UTC(y, month - 1, 1));
  }
  function periodEnd(start, by) {
    const months = {month: 1, quarter: 3, year: 12}[by];
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 0));
  }
  function periodLabel(period, by) {
    if (by === "month") return fmtDate(period + "-01", "month");
    return period.replace("-Q", " Q");
  }
  async function showPair(params) {
    const dyad = (params.get("dyad") || "").toUpperCase();
    const by = params.get("by") || "year";
    const [a, b] = dyad.split("-");
    $("#pair-a").value = a ? plainName(a) : "";
    $("#pair-b").value = b ? plainName(b) : "";
    $("#pair-by").value = by;
    $("#period-events").innerHTML = "";
    $("#period-table tbody").innerHTML = "";
    if (!a || !b) {
      $("#pair-scope").textContent = "";
      chart("pair-chart").clear();
      showEmpty("#pair-empty", "Choose two states (or click a tie in the overview) to see how they relate over time.");
      return;
    }
    $("#h-pair").textContent = `Pair: ${plainName(a)} – ${plainName(b)}`;
    const {body} = await getJSON("/api/relations", {dyad, by});
    $("#pair-scope").textContent = `Scope: all stored dates · merged events between ${a} and ${b} in either direction, asserted or intended, per ${by}. ` +
      "Cooperation above the axis, conflict below. Click a bar or a period to read its events" + originNote() + ".";
    showEmpty("#pair-empty", body.length ? "" : `No dated events between ${plainName(a)} and ${plainName(b)} are stored. Try another pair, or ingest news that mentions both.`);
    const c = chart("pair-chart");
    const series = [1, 2, 3, 4].map((q) => ({
      name: QUADS[q], type: "bar", stack: q <= 2 ? "coop" : "conf", barMaxWidth: 40, itemStyle: {color: QUAD_COLOURS[q]},
      data: body.map((p) => ({value: [periodStart(p.period).getTime(), (q <= 2 ? 1 : -1) * p.quad_counts[String(q)]], period: p.period})),
    }));
    c.setOption({
      animation: false, legend: {top: 0, type: "scroll"}, tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
      grid: {left: 40, right: 20, top: 40, bottom: 64},
      dataZoom: [{type: "inside", filterMode: "none"}, {type: "slider", height: 18, bottom: 8, filterMode: "none"}],
      xAxis: {type: "time", name: "", minInterval: by === "year" ? 365 * 864e5 : by === "quarter" ? 90 * 864e5 : 28 * 864e5},
      yAxis: {type: "value", minInterval: 1, axisLabel: {formatter: (v) => Math.abs(v)}},
      series,
    }, true);
    c.off("click");
    c.on("click", (p) => { if (p.data && p.data.period) openPeriod(dyad, p.data.period, by); });
    $("#period-table tbody").innerHTML = body.map((p) => `<tr><td><button type="button" data-period="${esc(p.period)}">${esc(periodLabel(p.period, by))}</button></td>` +
      `<td>${p.events}</td>${[1, 2, 3, 4].map((q) => `<td>${p.quad_counts[String(q)]}</td>`).join("")}<td>${p.net_cooperation > 0 ? "+" : ""}${p.net_cooperation}</td></tr>`).join("");
    const wanted = params.get("period");
    if (wanted) await openPeriod(dyad, wanted, by, true);
  }
  async function openPeriod(dyad, period, by, fromUrl) {
    const start = periodStart(period);
    const end = periodEnd(start, by);
    const box = $("#period-events");
    box.innerHTML = `<p class="scope">Loading ${esc(periodLabel(period, by))}…</p>`;
    const {body} = await getJSON("/api/pair-events", {dyad, since: isoDay(start), until: isoDay(end)});
    box.innerHTML = `<h3 id="period-title">${esc(periodLabel(period, by))}: ${body.length} merged event${body.length === 1 ? "" : "s"}</h3>` +
      (body.length ? `<ul class="evlist">${body.map(eventItem).join("")}</ul>` : `<p class="empty">No merged events in ${esc(periodLabel(period, by))}.</p>`);
    if (!fromUrl) history.replaceState(null, "", `#/pair?dyad=${dyad}&by=${by}&period=${period}`);
  }
  function eventItem(m) {
    const evidence = m.evidence.map((ev) => {
      const art = ev.article || {};
      const title = art.title || art.path || ev.doc_id;
      const link = art.url ? `<a href="${esc(art.url)}" rel="noreferrer">${esc(title)}</a>` : esc(title);
      const quote = ev.sentence ? highlight(ev.sentence, ev.source_span, ev.target_span) :
        `<i>no sentence: event ${esc(ev.event_id)} imported from ${esc(ev.origin || "another data set")}</i>`;
      return `<blockquote>${quote}</blockquote>` +
        `<div class="meta">${link}${art.outlet ? " · " + esc(art.outlet) : ""} · published ${fmtDate(art.published, "day")} · ${esc(ev.modality || m.modality)}</div>` +
        `<div class="reason">${esc(ev.reason || "")}</div>`;
    }).join("");
    return `<li class="q${m.quad_class}"><b>${fmtDate(m.date, m.date_precision)}</b> · ${name(m.source)} <b>${esc(m.plover)}</b> ${name(m.target)}` +
      `<span class="badge q">${esc(QUADS[m.quad_class] || "")}</span><span class="badge">${esc(m.modality)}</span>` +
      `<span class="badge">${m.mentions} mention${m.mentions === 1 ? "" : "s"} · ${m.sources} source${m.sources === 1 ? "" : "s"}</span>` +
      `<span class="badge${m.sources_independent ? "" : " state-only"}" title="distinct outlets that are not state-controlled">` +
      `${m.sources_independent} independent outlet${m.sources_independent === 1 ? "" : "s"}</span>${evidence}</li>`;
  }

  // ---- events: filterable, paged, state in the URL ---------------------------------------------
  const EVENT_FILTERS = ["actor", "dyad", "type", "quad", "modality", "since", "until", "q"];
  async function showEvents(params) {
    const form = $("#events-form");
    for (const k of EVENT_FILTERS) form.elements[k].value = params.get(k) || "";
    if (params.get("actor")) form.elements.actor.value = plainName(params.get("actor"));
    const page = Math.max(1, Number(params.get("page") || 1));
    const query = {limit: PAGE, offset: (page - 1) * PAGE};
    for (const k of EVENT_FILTERS) query[k] = params.get(k) || "";
    const {body, total} = await getJSON("/api/events", query);
    const n = Number(total || 0);
    const active = EVENT_FILTERS.filter((k) => params.get(k)).map((k) => `${k} ${params.get(k)}`);
    if (state.origin) active.push(`origin ${state.origin}`);
    $("#events-count").textContent = n ? `Showing ${query.offset + 1}–${query.offset + body.length} of ${n} events` +
      (active.length ? ` matching ${active.join(", ")}` : " (all stored events, every modality, oldest first)") : "";
    $("#events-table tbody").innerHTML = body.map((e) => {
      const art = e.article || {};
      return `<tr class="q${e.quad_class}"><td>${fmtDate(e.date || art.published, e.date ? e.date_precision : "day")}${e.date ? "" : " <small>(article)</small>"}</td>` +
        `<td>${name(e.source && (e.source.country || e.source.code))}</td><td>${esc(e.plover)}<br><small>${esc(QUADS[e.quad_class] || "")}</small></td>` +
        `<td>${name(e.target && (e.target.country || e.target.code))}</td><td>${esc(e.modality)}</td>` +
        `<td>${e.sentence ? highlight(e.sentence, span(e.source, e), span(e.target, e)) : `<i>no sentence: imported event ${esc(e.event_id)}</i>`}` +
        `<br><small>${esc(art.title || art.path || "")}${e.origin && e.origin !== "blocwatch" ? " · " + esc(e.origin) : ""}</small></td></tr>`;
    }).join("");
    showEmpty("#events-empty", n ? "" : active.length ? `No events match ${active.join(", ")}. Clear a filter to see more.` :
      "No events are stored yet: run blocwatch ingest on some news first.");
    $("#events-page").textContent = n ? `page ${page} of ${Math.ceil(n / PAGE)}` : "";
    $("#events-prev").disabled = page <= 1;
    $("#events-next").disabled = page * PAGE >= n;
    $("#events-table").dataset.total = String(n);
  }
  function span(side, e) { return side && side.start != null ? [side.start - e.sentence_start, side.end - e.sentence_start] : null; }
  function eventsQuery(page) {
    const form = $("#events-form");
    const out = {};
    for (const k of EVENT_FILTERS) out[k] = form.elements[k].value.trim();
    out.actor = codeOf(out.actor);
    out.dyad = out.dyad.toUpperCase();
    if (page > 1) out.page = page;
    return out;
  }

  // ---- treaties and obligations --------------------------------------------------------------
  async function showObligations(params) {
    const attacked = (params.get("attacked") || "").toUpperCase();
    const on = params.get("on") || "";
    $("#ob-attacked").value = attacked ? plainName(attacked) : "";
    $("#ob-on").value = on || (state.span && state.span.last ? String(state.span.last) : "");
    $("#ob-cascade").checked = params.get("cascade") === "1";
    const kind = params.get("kind") || "";
    $("#ob-kind").value = kind;
    $("#obligations-table tbody").innerHTML = "";
    $("#treaty-texts").innerHTML = "";
    if (!attacked) { showEmpty("#obligations-empty", "Name an attacked state and a date, then press Ask."); return; }
    const all = (await getJSON("/api/obligations", {attacked, on, cascade: params.get("cascade") === "1" ? "true" : ""})).body;
    const body = kind ? all.filter((r) => r.obligation === kind) : all;
    $("#obligations-table tbody").innerHTML = body.map((r) => `<tr><td>${name(r.state)}</td><td>${esc(r.obligation)}${r.automatic ? " <small>(automatic)</small>" : ""}</td>` +
      `<td>${esc(r.treaty_name)}</td><td>${esc(r.article || "—")}</td><td>${r.conditions.length ? r.conditions.map(esc).join("; ") : "none stated"}</td>` +
      `<td>${esc(r.status)}</td><td>${r.path ? r.path.map(esc).join(" ← ") : "—"}</td></tr>`).join("");
    showEmpty("#obligations-empty", body.length ? "" : all.length ? `None of the ${all.length} obligations towards ${plainName(attacked)} on ${fmtDate(on, "day")} is of kind ${kind}.` :
      `No treaty in the knowledge base obliges any state to help ${plainName(attacked)} on ${fmtDate(on, "day")}.`);
    await treatyTexts(body, on);
  }
  async function treatyTexts(rows, on) {
    const ids = [...new Set(rows.map((r) => r.treaty_id))];
    const states = [...new Set(rows.map((r) => r.state))];
    const found = {};
    for (const s of states) {
      const {body} = await getJSON("/api/treaties", {party: s});
      for (const t of body) if (ids.includes(t.id)) found[t.id] = t;
    }
    $("#treaty-texts").innerHTML = ids.filter((id) => found[id]).map((id) => {
      const t = found[id];
      return `<details class="treaty"><summary>${esc(t.name)} <small>(${esc(t.source)})</small></summary>` +
        `<p>Parties: ${t.parties.map(name).join(", ")}. Signed ${fmtDate(t.signed, "day")}, in force ${fmtDate(t.in_force, "day")}` +
        `${t.ended ? ", ended " + fmtDate(t.ended, "day") : ""}. Obligations: ${t.obligations.map(esc).join(", ")}.</p>` +
        `${t.notes ? `<p>${esc(t.notes)}</p>` : ""}${t.citation ? `<p><small>${esc(t.citation)}</small></p>` : ""}</details>`;
    }).join("");
  }

  // ---- triads ----------------------------------------------------------------------------------
  async function showTriads(params) {
    const codes = (params.get("countries") || "").split(",").filter(Boolean);
    const by = params.get("by") || "year";
    ["#tri-a", "#tri-b", "#tri-c"].forEach((id, i) => { $(id).value = codes[i] ? plainName(codes[i]) : ""; });
    $("#tri-by").value = by;
    $("#triads-table tbody").innerHTML = "";
    if (codes.length !== 3) {
      chart("triads-chart").clear();
      $("#triads-scope").textContent = "";
      showEmpty("#triads-empty", "Pick three states to see whether their triangle is balanced over time.");
      return;
    }
    const {body} = await getJSON("/api/triad-timeline", {countries: codes.join(","), by});
    const keys = body.length ? Object.keys(body[0].ties) : [];
    const who = state.actors === "all" ? "every actor's events" : "what states do";
    $("#triads-scope").textContent = `Scope: tie scores at the end of each ${by} from ${who} in the 365 days before it and treaties in force; ` +
      "a triangle is balanced when the product of its three tie signs is positive" + originNote() + ".";
    const known = body.filter((r) => r.status !== "incomplete").length;
    showEmpty("#triads-empty", known ? "" : `${codes.map(plainName).join(", ")}: at no ${by} end are all three ties known, so balance cannot be judged. Try states that appear together in the news.`);
    const c = chart("triads-chart");
    const unbalanced = body.filter((r) => r.status === "unbalanced").map((r) => [{xAxis: new Date(r.date).getTime() - 20 * 864e5}, {xAxis: new Date(r.date).getTime() + 20 * 864e5}]);
    c.setOption({
      animation: false, legend: {top: 0, type: "scroll"}, tooltip: {trigger: "axis"}, grid: {left: 44, right: 20, top: 40, bottom: 40},
      xAxis: {type: "time"}, yAxis: {type: "value", min: -1, max: 1},
      series: keys.map((k, i) => ({name: k.replace("-", " – "), type: "line", connectNulls: false, symbolSize: 7,
        itemStyle: {color: PALETTE[i]}, data: body.map((r) => [new Date(r.date).getTime(), r.ties[k]]),
        markArea: i === 0 ? {itemStyle: {color: "rgba(198,40,40,0.10)"}, data: unbalanced} : undefined})),
    }, true);
    $("#triads-table tbody").innerHTML = body.slice().reverse().map((r) => `<tr><td>${fmtDate(r.date, "day")}</td>` +
      `<td>${keys.map((k) => `${esc(k)} ${r.ties[k] == null ? "?" : signed(r.ties[k])}`).join(" · ")}</td><td>${esc(r.pattern)}</td>` +
      `<td class="${esc(r.status)}">${esc(r.status)}</td></tr>`).join("");
  }

  // ---- signals: what changed, each with the merged events behind it --------------------------
  const SIGNAL_KINDS = ["ritual", "first", "shift", "treaty"];
  const EVIDENCE_MAX = 200;  // ids /api/signal-evidence takes at once
  function normDyad(text) {
    const parts = (text || "").split(/\s*[–-]\s*/).map(codeOf).filter(Boolean);
    return parts.length === 2 ? parts.sort().join("-") : (parts[0] || "");
  }
  function signalWhen(s) {
    if (s.kind === "shift" && s.detail && s.detail.period) {
      const p = String(s.detail.period);
      return /^\d{4}-\d{2}$/.test(p) ? fmtDate(p + "-01", "month") : p.replace("-Q", " Q");
    }
    return fmtDate(s.date, "day");
  }
  function signalTitle(s) {
    // The table shows the pair in its own column: drop it from the front of the title.
    return s.dyad && s.title.startsWith(s.dyad) ? s.title.slice(s.dyad.length).replace(/^:?\s+/, "") : s.title;
  }
  function signalHub(s) {
    // A wave of firsts: its hub and how many states, each pair a link
    const d = s.detail || {};
    if (!d.hub || !d.dyads) return "—";
    const arrow = d.direction === "to" ? "←" : d.direction === "from" ? "→" : "↔";
    return `<span title="${esc(d.dyads.join(", "))}">${esc(d.hub)} ${arrow} ${esc(d.states.length)} states</span>`;
  }
  function signalScore(s) {
    if (s.score == null) return "—";
    const unit = s.kind === "shift" ? "−log₁₀ p" : s.kind === "first" ? "years" : "";
    return `${s.score.toFixed(2)}${unit ? ` <small>${unit}</small>` : ""}`;
  }
  function signalDyads(s) {
    // A wave of firsts has no one pair: its pairs are in detail.dyads.
    return s.dyad ? [s.dyad] : ((s.detail && s.detail.dyads) || []);
  }
  function signalMatches(s, f) {
    if (f.dyad) {
      const dyads = signalDyads(s);
      if (f.dyad.includes("-") ? !dyads.includes(f.dyad) : !dyads.some((d) => d.split("-").includes(f.dyad))) return false;
    }
    if (f.status && s.status !== f.status) return false;
    if (f.q && !s.title.toLowerCase().includes(f.q.toLowerCase())) return false;
    return true;
  }
  async function showSignals(params) {
    const form = $("#signals-form");
    const kinds = (params.get("kind") || "").split(",").filter((k) => SIGNAL_KINDS.includes(k));
    for (const box of form.querySelectorAll("input[name=kind]")) box.checked = kinds.includes(box.value);
    for (const k of ["dyad", "status", "since", "q"]) form.elements[k].value = params.get(k) || "";
    form.elements.by.value = params.get("by") === "quarter" ? "quarter" : "month";
    const by = form.elements.by.value;
    const since = params.get("since") || "";
    const kind = kinds.join(",");
    const feed = new URLSearchParams();
    if (since) feed.set("since", since);
    if (kind) feed.set("kind", kind);
    $("#signals-atom").href = "/signals.atom" + (feed.toString() ? "?" + feed : "");
    showEmpty("#signal-missing", "");
    const {body} = await getJSON("/api/signals", {kind, since, by: by === "month" ? "" : by});
    const f = {dyad: normDyad(params.get("dyad")), status: params.get("status") || "", q: (params.get("q") || "").trim()};
    const rows = body.filter((s) => signalMatches(s, f));
    state.signals = Object.fromEntries(rows.map((s) => [s.id, s]));
    const active = [];
    if (kind) active.push(`kind ${kinds.join(" or ")}`);
    if (f.dyad) active.push(`pair ${f.dyad}`);
    if (f.status) active.push(`status ${f.status}`);
    if (since) active.push(`from ${fmtDate(since, "day")}`);
    if (f.q) active.push(`text “${f.q}”`);
    $("#signals-count").textContent = `${rows.length} of ${body.length} signal${body.length === 1 ? "" : "s"}` +
      (active.length ? ` matching ${active.join(", ")}` : "") + ", ranked: rituals (missing and downgraded first), treaty steps, shifts, then firsts; within each, the newest month first, then the most events. " +
      (kind && !kinds.includes("shift") ? "" : (since ? `Shifts: every ${by} from ${fmtDate(since, "day")}` : `Shifts: the latest ${by}`) +
        " tested against the pair's own history. ") + "Choose a signal to read its evidence" +
      (state.origin ? ` · signals are computed from events of every origin (the origin picker does not apply here)` : "") + ".";
    $("#signals-table tbody").innerHTML = rows.map((s) => `<tr class="sig ${esc(s.kind)}" data-id="${esc(s.id)}">` +
      `<td>${signalWhen(s)}</td><td><span class="kind ${esc(s.kind)}">${esc(s.kind === "treaty" ? "treaty step" : s.kind)}</span></td>` +
      `<td>${s.dyad ? `<a href="#/pair?dyad=${esc(s.dyad)}" title="${esc(s.dyad.split("-").map(plainName).join(" – "))}">${esc(s.dyad.replace("-", " – "))}</a>` : signalHub(s)}</td>` +
      `<td><button type="button" class="open" data-signal="${esc(s.id)}" aria-expanded="false">${esc(signalTitle(s))}</button>` +
      ` <small>${s.evidence.length ? `${s.evidence.length} event${s.evidence.length === 1 ? "" : "s"}` : "no events"}</small></td>` +
      `<td class="status ${esc((s.status || "none").replace(" ", "-"))}">${esc(s.status || "—")}</td>` +
      `<td class="level${s.level ? "" : " none"}">${esc(s.level || "—")}</td>` +
      `<td class="num${s.score == null ? " none" : ""}">${signalScore(s)}</td></tr>`).join("");
    $("#signals-table").dataset.total = String(rows.length);
    showEmpty("#signals-empty", rows.length ? "" : body.length ? `No signal matches ${active.join(", ")}. Clear a filter to see more.` :
      since || kind ? `No ${kind ? kinds.join(" or ") + " " : ""}signals${since ? " from " + fmtDate(since, "day") : ""}. Clear a filter to see more.` :
      "No signals yet: ingest (or watch) news of two states over some time first; rituals need earlier years, firsts and shifts a pair's history.");
    const wanted = params.get("id");
    if (wanted) {
      if (state.signals[wanted]) await openSignal(wanted, true);
      else showEmpty("#signal-missing", `Signal ${wanted} is not among these signals: it may be older than From, of another kind, or no longer found (shifts are retested as news comes in).`);
    }
  }
  async function openSignal(id, fromUrl) {
    const s = state.signals[id];
    const row = document.querySelector(`#signals-table tr.sig[data-id="${CSS.escape(id)}"]`);
    if (!s || !row) return;
    const open = document.querySelector("#signals-table tr.sigev");
    const wasOpen = open && open.previousElementSibling === row;
    if (open) open.remove();
    for (const b of document.querySelectorAll("#signals-table button.open")) b.setAttribute("aria-expanded", "false");
    for (const r of document.querySelectorAll("#signals-table tr.sig.current")) r.classList.remove("current");
    const {params} = hashParams();
    if (wasOpen && !fromUrl) {  // a second click closes it
      params.delete("id");
      history.replaceState(null, "", `#/signals${params.toString() ? "?" + params.toString().replace(/%2C/g, ",") : ""}`);
      return;
    }
    row.classList.add("current");
    row.querySelector("button.open").setAttribute("aria-expanded", "true");
    const tr = document.createElement("tr");
    tr.className = "sigev";
    tr.innerHTML = `<td colspan="7" id="signal-evidence" aria-live="polite"><p class="scope">Loading the evidence…</p></td>`;
    row.after(tr);
    if (!fromUrl) {
      params.set("id", id);
      history.replaceState(null, "", `#/signals?${params.toString().replace(/%2C/g, ",")}`);
    }
    const cell = tr.firstElementChild;
    const ids = s.evidence.slice(0, EVIDENCE_MAX);
    const merged = ids.length ? (await getJSON("/api/signal-evidence", {ids: ids.join(",")})).body : [];
    const more = s.evidence.length - ids.length;
    let evidence;
    if (merged.length) {
      evidence = `<h3>${merged.length} merged event${merged.length === 1 ? "" : "s"} behind it${more > 0 ? ` (the first ${ids.length} of ${s.evidence.length})` : ""}</h3>` +
        `<ul class="evlist">${merged.map(signalEvent).join("")}</ul>`;
    } else if (s.kind === "treaty" && s.detail.sentences && s.detail.sentences.length) {
      evidence = "<h3>The sentences that report it</h3>" + s.detail.sentences.map((t) => `<blockquote>${esc(t.trim())}</blockquote>`).join("");
    } else {
      evidence = `<p class="empty">${s.status === "missing" ? "No event marked the occasion this year: that absence is the signal." : "No merged events are stored behind this signal."}</p>`;
    }
    cell.innerHTML = `<p class="facts">${signalFacts(s)}</p>${evidence}`;
    if (!fromUrl) tr.scrollIntoView({block: "nearest"});
  }
  function signalFacts(s) {
    const d = s.detail || {};
    const pair = s.dyad ? s.dyad.split("-").map(name).join(" – ") : "";
    if (s.kind === "ritual") {
      const before = d.previous_year ? ` Earlier: observed in ${esc(d.previous_year)} at ${esc(d.previous_level)} level.` : "";
      return `<b>${esc(d.occasion)}</b>, ${esc(d.year)} · ${pair}: <b>${esc(s.status)}</b>${s.level ? ` at ${esc(s.level)} level` : ""}. ` +
        `Messages, meetings, receptions, delegations, pledges and aid between the two within ${esc(d.window_days)} days of ${fmtDate(s.date, "day")}, ` +
        `in articles that name the occasion.${before}`;
    }
    if (s.kind === "first" && d.members) {
      const way = d.direction === "to" ? `to ${name(d.hub)} from` : d.direction === "from" ? `from ${name(d.hub)} to` : `between ${name(d.hub)} and`;
      return `A wave: the first <b>${esc(d.type)}</b> ${way} <b>${esc(d.states.length)} states</b> within ${esc(d.days)} day${d.days === 1 ? "" : "s"} ` +
        `(${fmtDate(d.first_day, "day")} to ${fmtDate(d.last_day, "day")}): ` +
        d.members.map((m) => `${name(m.source === d.hub ? m.target : m.source)} ${fmtDate(m.date, "day")} ` +
          `(${m.previous ? `none since ${fmtDate(m.previous, "day")}` : "none before"}, ${esc(m.silence_days)} days)`).join(" · ") + ".";
    }
    if (s.kind === "first") {
      return `${pair}: the first <b>${esc(d.type)}</b> ${d.previous ? `since ${fmtDate(d.previous, "day")}` : "the store has seen between them"}` +
        ` (${esc(d.silence_days)} days; ${esc(d.earlier_events)} earlier events of the pair).`;
    }
    if (s.kind === "shift") {
      return `${pair}: <b>${esc(d.observed)} ${esc(d.series)}</b> events in ${esc(signalWhen(s))} against a baseline of ${Number(d.baseline).toFixed(1)} ` +
        `over ${esc(d.history_periods)} earlier periods (dispersion ${Number(d.dispersion).toFixed(2)}); ` +
        `p = ${Number(d.p_value).toPrecision(2)}, ${d.direction === "up" ? "more" : "less"} than chance at a false-alarm rate of ${esc(d.alpha)} over ${esc(d.tests)} tests.`;
    }
    if (s.kind === "treaty") {
      return `<b>${esc(d.treaty)}</b>${pair ? ` (${pair})` : ""}: reported <b>${esc(s.status)}</b> on ${fmtDate(s.date, "day")}` +
        `${d.outlets && d.outlets.length ? " by " + d.outlets.map(esc).join(", ") : ""}.`;
    }
    return esc(s.title);
  }
  function textSpan(sentence, text, avoid) {
    if (!text) return null;
    let at = sentence.indexOf(text);
    while (at >= 0 && avoid && at < avoid[1] && at + text.length > avoid[0]) at = sentence.indexOf(text, at + 1);
    return at < 0 ? null : [at, at + text.length];
  }
  function signalEvent(m) {
    const evidence = (m.evidence || []).map((ev) => {
      const sentence = (ev.sentence || "").trim();
      const src = textSpan(sentence, ev.source_text);
      const tgt = textSpan(sentence, ev.target_text, src);
      const title = ev.article_title || ev.event_id;
      const link = ev.article_url ? `<a href="${esc(ev.article_url)}" rel="noreferrer">${esc(title)}</a>` : esc(title);
      return `<blockquote>${sentence ? highlight(sentence, src, tgt) : `<i>no sentence: event ${esc(ev.event_id)} was imported</i>`}</blockquote>` +
        `<div class="meta">${link}${ev.article_outlet ? " · " + esc(ev.article_outlet) : ""} · published ${fmtDate(ev.article_published, "day")}</div>` +
        `<div class="reason">${esc(ev.reason || "")}</div>`;
    }).join("");
    return `<li class="q${m.quad_class}"><b>${fmtDate(m.date, m.date_precision)}</b> · ${name(m.source)} <b>${esc(m.plover)}</b> ${name(m.target)}` +
      `<span class="badge q">${esc(QUADS[m.quad_class] || "")}</span><span class="badge">${esc(m.modality)}</span>` +
      `<span class="badge">${m.mentions} mention${m.mentions === 1 ? "" : "s"} · ${m.sources} source${m.sources === 1 ? "" : "s"}</span>${evidence}</li>`;
  }
  function signalsQuery() {
    const form = $("#signals-form");
    const out = {kind: [...form.querySelectorAll("input[name=kind]:checked")].map((b) => b.value).join(",")};
    for (const k of ["status", "since", "q"]) out[k] = form.elements[k].value.trim();
    out.dyad = normDyad(form.elements.dyad.value);
    out.by = form.elements.by.value === "quarter" ? "quarter" : "";
    return out;
  }

  // ---- start -----------------------------------------------------------------------------------
  function wire() {
    const slider = $("#at-slider");
    slider.addEventListener("input", () => sliderMoved(false));
    slider.addEventListener("change", () => sliderMoved(true));
    $("#window").addEventListener("change", () => sliderMoved(true));
    $("#actors").addEventListener("change", () => sliderMoved(true));
    $("#play").addEventListener("click", togglePlay);
    $("#edge-table").addEventListener("click", (ev) => {
      const btn = ev.target.closest("button[data-dyad]");
      if (btn) go("pair", {dyad: btn.dataset.dyad});
    });
    $("#pair-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      go("pair", {dyad: `${codeOf($("#pair-a").value)}-${codeOf($("#pair-b").value)}`, by: $("#pair-by").value});
    });
    $("#period-table").addEventListener("click", (ev) => {
      const btn = ev.target.closest("button[data-period]");
      const {params} = hashParams();
      if (btn) openPeriod(params.get("dyad").toUpperCase(), btn.dataset.period, params.get("by") || "year");
    });
    $("#events-form").addEventListener("submit", (ev) => { ev.preventDefault(); go("events", eventsQuery(1)); });
    $("#events-form").addEventListener("reset", () => setTimeout(() => go("events", {}), 0));
    const turn = (delta) => { const p = Number(hashParams().params.get("page") || 1) + delta; go("events", eventsQuery(p)); };
    $("#events-prev").addEventListener("click", () => turn(-1));
    $("#events-next").addEventListener("click", () => turn(1));
    $("#obligations-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      go("obligations", {attacked: codeOf($("#ob-attacked").value), on: $("#ob-on").value,
        cascade: $("#ob-cascade").checked ? "1" : "", kind: $("#ob-kind").value});
    });
    $("#triads-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      go("triads", {countries: ["#tri-a", "#tri-b", "#tri-c"].map((id) => codeOf($(id).value)).join(","), by: $("#tri-by").value});
    });
    $("#signals-form").addEventListener("submit", (ev) => { ev.preventDefault(); go("signals", signalsQuery()); });
    $("#signals-form").addEventListener("reset", () => setTimeout(() => go("signals", {}), 0));
    $("#signals-table").addEventListener("click", (ev) => {
      const btn = ev.target.closest("button[data-signal]");
      if (btn) openSignal(btn.dataset.signal).catch((err) => setStatus(`Could not load: ${err.message}`));
    });
    $("#origin").addEventListener("change", () => {
      const {view, params} = hashParams();
      if ($("#origin").value) params.set("origin", $("#origin").value); else params.delete("origin");
      params.delete("page");
      params.delete("at");
      const q = params.toString();
      window.location.hash = `#/${view}${q ? "?" + q : ""}`;
    });
    window.addEventListener("hashchange", route);
  }
  async function start() {
    wire();
    try {
      const [names, summary] = await Promise.all([getJSON("/api/countries"), getJSON("/api/summary")]);
      state.names = names.body;
      $("#country-list").innerHTML = Object.entries(state.names).sort((a, b) => a[1].localeCompare(b[1]))
        .map(([c, n]) => `<option value="${esc(n)} (${esc(c)})"></option>`).join("");
      $("#type-select").innerHTML = `<option value="">any</option>` + Object.keys(summary.body.events_by_type || {}).sort()
        .map((t) => `<option>${esc(t)}</option>`).join("");
      state.span = {last: summary.body.published_to};
    } catch (err) {
      setStatus(`Could not load: ${err.message}`);
    }
    await route();
  }
  document.addEventListener("DOMContentLoaded", start);
})();
