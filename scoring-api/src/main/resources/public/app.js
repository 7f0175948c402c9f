// The gh-anomaly dashboard: plain ES module, no build step. Everything it shows comes from the
// scoring API of the same service (/hours, /anomalies, /actors/top, /actors/{login}, /model,
// /campaigns). State lives in the address (#hour=2025-01-01T15&actor=login&campaign=id&pop=people
// &min=0.6), so every view is a link.

const HOURS_SHOWN = 48;
const ANOMALY_LIMIT = 50;
const TOP_LIMIT = 10;
const ALERT_LIMIT = 20;
const CAMPAIGN_LIMIT = 20;
const REFRESH_MS = 30_000; // new hours land while the page is open

const $ = (id) => document.getElementById(id);

const ui = {
  status: $('status'),
  hourSelect: $('hour-select'),
  chartCanvas: $('trend-chart'),
  hoursBody: $('hours-table').tBodies[0],
  modelBody: $('model-body'),
  hourLabel: $('hour-label'),
  hourStats: $('hour-stats'),
  population: $('population'),
  threshold: $('threshold'),
  thresholdValue: $('threshold-value'),
  thresholdNote: $('threshold-note'),
  anomaliesTable: $('anomalies-table'),
  topTable: $('top-table'),
  driftTable: $('drift-table'),
  driftSummary: $('drift-summary'),
  alertsTable: $('alerts-table'),
  actorView: $('actor-view'),
  actorTitle: $('actor-title'),
  actorLogin: $('actor-login'),
  actorSummary: $('actor-summary'),
  actorTable: $('actor-table'),
  actorCampaigns: $('actor-campaigns'),
  campaignsTable: $('campaigns-table'),
  campaignsSummary: $('campaigns-summary'),
  campaignView: $('campaign-view'),
  campaignTitle: $('campaign-title'),
  campaignId: $('campaign-id'),
  campaignSummary: $('campaign-summary'),
  campaignStats: $('campaign-stats'),
  campaignMembers: $('campaign-members'),
  campaignMembersCount: $('campaign-members-count'),
  campaignRepos: $('campaign-repos'),
  campaignReposCount: $('campaign-repos-count'),
  campaignTimeline: $('campaign-timeline'),
};

/** What the page shows; always equal to what the address says once applyHash ran. */
const state = { hour: null, actor: null, campaign: null, pop: '', min: 0 };

let hours = []; // /hours rows, newest first
let model = null; // /model, or null when none is published
let chart = null;
let anomalyRows = [];
let campaigns = null; // /campaigns, or null before it answered
let shown = { hourQuery: null, actor: null, campaign: null }; // what the views were last loaded for

// ---------------------------------------------------------------------------------------------
// Fetching

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, `the service did not answer (${e.message})`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const why = body && typeof body.error === 'string' ? body.error : res.statusText;
    throw new ApiError(res.status, `${res.status}: ${why}`);
  }
  return body;
}

function query(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** "2025-01-01T15:00:00Z" or "2025-01-01T15" → "2025-01-01T15", the API's hour parameter. */
function hourKey(s) {
  return typeof s === 'string' ? s.slice(0, 13) : '';
}

/** "2025-01-01T15" → "2025-01-01 15:00". */
function hourText(s) {
  const k = hourKey(s);
  return k.length === 13 ? `${k.slice(0, 10)} ${k.slice(11, 13)}:00` : String(s ?? '');
}

/** An ISO instant as "2025-01-01 15:00" (UTC), or as given when it does not parse. */
function minuteText(s) {
  if (!s) return '–';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? String(s) : d.toISOString().slice(0, 16).replace('T', ' ');
}

function instantText(s) {
  const t = minuteText(s);
  return t === '–' || t === String(s) ? t : `${t} UTC`;
}

const intFormat = new Intl.NumberFormat('en-US');

function count(n) {
  return typeof n === 'number' ? intFormat.format(n) : '–';
}

function scoreText(s) {
  return typeof s === 'number' ? s.toFixed(3) : '–';
}

function percent(r) {
  return typeof r === 'number' ? `${(r * 100).toFixed(2)}%` : '–';
}

function featureValue(v) {
  if (typeof v !== 'number') return String(v ?? '–');
  return Number.isInteger(v) ? intFormat.format(v) : v.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c);
  }
  return e;
}

function setStatus(message, kind = 'info') {
  ui.status.replaceChildren();
  if (message) {
    ui.status.append(el('p', { class: `status-${kind}`, text: message }));
  }
}

function messageRow(tbody, columns, text) {
  tbody.replaceChildren(el('tr', { class: 'message' }, el('td', { colspan: columns, text })));
}

// ---------------------------------------------------------------------------------------------
// Address state

function hashFor(next) {
  const s = { ...state, ...next };
  const q = new URLSearchParams();
  if (s.hour) q.set('hour', s.hour);
  if (s.actor) q.set('actor', s.actor);
  if (s.campaign) q.set('campaign', s.campaign);
  if (s.pop) q.set('pop', s.pop);
  if (s.min > 0) q.set('min', s.min.toFixed(2));
  return `#${q.toString()}`;
}

function readHash() {
  const q = new URLSearchParams(location.hash.slice(1));
  const min = Number.parseFloat(q.get('min') ?? '');
  return {
    hour: hourKey(q.get('hour') ?? '') || (hours.length ? hourKey(hours[0].hour) : null),
    actor: q.get('actor') || null,
    campaign: q.get('campaign') || null,
    pop: q.get('pop') ?? '',
    min: Number.isFinite(min) ? Math.min(1, Math.max(0, min)) : 0,
  };
}

/** Goes to a view: a new history entry, so Back works; hashchange then renders it. */
function navigate(next) {
  const h = hashFor(next);
  if (h !== location.hash) location.hash = h;
}

/** Same view, new detail (the threshold while it is dragged): no history entry per step. */
function replace(next) {
  history.replaceState(null, '', hashFor(next));
  applyHash();
}

async function applyHash() {
  const next = readHash();
  const actorOpened = next.actor && next.actor !== state.actor;
  const campaignOpened = next.campaign && next.campaign !== state.campaign;
  Object.assign(state, next);

  syncControls();
  highlightChartHour();

  refreshLinks();

  const hourQuery = `${state.hour}|${state.pop}`;
  const jobs = [];
  if (!state.hour) {
    messageRow(ui.anomaliesTable.tBodies[0], 5, 'No hour to show yet.');
    messageRow(ui.topTable.tBodies[0], 4, 'No hour to show yet.');
    ui.anomaliesTable.dataset.state = 'empty';
    ui.topTable.dataset.state = 'empty';
  } else if (hourQuery !== shown.hourQuery) {
    shown.hourQuery = hourQuery;
    jobs.push(loadHour());
  } else if (ui.anomaliesTable.dataset.state === 'ready') {
    renderAnomalies();
  }
  if (state.actor !== shown.actor) {
    shown.actor = state.actor;
    jobs.push(loadActor(actorOpened));
  }
  if (state.campaign !== shown.campaign) {
    shown.campaign = state.campaign;
    if (campaigns) renderCampaigns(); // the open one is marked
    jobs.push(loadCampaign(campaignOpened && !actorOpened));
  }
  await Promise.all(jobs);
}

function syncControls() {
  if (state.hour && ![...ui.hourSelect.options].some((o) => o.value === state.hour)) {
    ui.hourSelect.append(el('option', { value: state.hour, text: hourText(state.hour) }));
  }
  if (state.hour) ui.hourSelect.value = state.hour;
  ui.population.value = state.pop;
  if (ui.population.value !== state.pop) ui.population.value = '';
  if (Number.parseFloat(ui.threshold.value) !== state.min) ui.threshold.value = String(state.min);
  ui.thresholdValue.value = state.min.toFixed(2);
  ui.thresholdValue.textContent = state.min.toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// The model

function renderModel() {
  const body = ui.modelBody;
  body.replaceChildren();
  if (!model) {
    body.append(
      el('p', { class: 'muted', text: 'No model is published yet: actor-hours are not scored.' }),
    );
    return;
  }
  const dl = el('dl', { class: 'facts' });
  const fact = (term, value, id) =>
    dl.append(el('dt', { text: term }), el('dd', { text: value, id: id ?? null }));
  fact('Version', model.version ?? '–', 'model-version');
  fact('Trained on', `${minuteText(model.trained_from)} to ${minuteText(model.trained_to)} UTC`, 'model-window');
  fact('Created', instantText(model.created_at));
  fact('Bots', botPolicyText(model.bot_policy));
  if (typeof model.contamination === 'number') {
    fact('Contamination', `${(model.contamination * 100).toFixed(1)}% flagged in training`);
  }
  if (Array.isArray(model.feature_set)) fact('Features', `${model.feature_set.length}`);
  body.append(dl);

  const thresholds = Object.entries(model.thresholds ?? {});
  if (thresholds.length) {
    body.append(el('h3', { text: 'Thresholds' }));
    const list = el('ul', { class: 'thresholds', id: 'model-thresholds' });
    for (const [population, t] of thresholds) {
      list.append(
        el('li', { dataset: { population } },
          el('span', { class: 'pop', text: population }),
          el('span', { class: 'num', text: scoreText(t) })),
      );
    }
    body.append(list);
  }
  const metrics = Object.entries(model.metrics ?? {}).filter(([, v]) => typeof v === 'number');
  if (metrics.length) {
    const det = el('details', {}, el('summary', { text: 'Evaluation' }));
    const mdl = el('dl', { class: 'facts' });
    for (const [name, v] of metrics.sort(([a], [b]) => a.localeCompare(b))) {
      mdl.append(el('dt', { text: name }), el('dd', { text: featureValue(v) }));
    }
    det.append(mdl);
    body.append(det);
  }
}

function botPolicyText(p) {
  switch (String(p ?? '').toUpperCase()) {
    case 'SEPARATE':
      return 'their own model';
    case 'EXCLUDE':
      return 'not scored';
    case 'TOGETHER':
      return 'one model with people';
    default:
      return p ? String(p) : '–';
  }
}

/** What made these rows anomalies, so that the control's effect reads right. */
function flaggedAtText() {
  const t = Object.entries(model?.thresholds ?? {}).filter(([, v]) => typeof v === 'number');
  if (!t.length) return '';
  const list = t.map(([p, v]) => `${p} at ${scoreText(v)}`).join(', ');
  return `Rows are what the job flagged; the model in use flags ${list}.`;
}

/** The threshold a row was judged by: known when the model in use scored it. */
function thresholdFor(population, modelVersion) {
  if (!model || !model.thresholds || !population) return null;
  if (modelVersion && model.version && modelVersion !== model.version) return null;
  const t = model.thresholds[String(population).toLowerCase()];
  return typeof t === 'number' ? t : null;
}

// ---------------------------------------------------------------------------------------------
// The last 48 hours

function renderHourOptions() {
  ui.hourSelect.replaceChildren();
  if (!hours.length) {
    ui.hourSelect.append(el('option', { value: '', text: 'No hours yet' }));
    return;
  }
  for (const h of hours) {
    const k = hourKey(h.hour);
    const n = typeof h.anomalies === 'number' ? ` · ${count(h.anomalies)} anomalies` : '';
    ui.hourSelect.append(el('option', { value: k, text: `${hourText(k)}${n}` }));
  }
}

function renderHoursTable() {
  const tbody = ui.hoursBody;
  tbody.replaceChildren();
  if (!hours.length) {
    messageRow(tbody, 7, 'The job has written no hours yet.');
    return;
  }
  for (const h of hours) {
    const k = hourKey(h.hour);
    tbody.append(
      el('tr', { dataset: { hour: k } },
        el('th', { scope: 'row' }, navLink({ hour: k, actor: null }, hourText(k))),
        el('td', { class: 'num', text: count(h.events) }),
        el('td', { class: 'num', text: count(h.actors) }),
        el('td', { class: 'num', text: count(h.anomalies) }),
        el('td', { class: 'num', text: percent(h.anomaly_rate) }),
        el('td', { class: 'num', text: count(h.late_events) }),
        el('td', { class: 'num', text: count(h.dead_letters) })),
    );
  }
}

const COLORS = {
  events: 'rgba(37, 99, 235, 0.55)',
  eventsSelected: 'rgba(234, 88, 12, 0.85)',
  actors: '#0f766e',
  rate: '#b91c1c',
};

function renderChart() {
  const Chart = window.Chart;
  if (!Chart) {
    setStatus('The chart library did not load; the figures are in the table under the chart.', 'error');
    return;
  }
  const oldest = [...hours].reverse(); // the chart runs left to right in time
  const labels = oldest.map((h) => hourKey(h.hour));
  const data = {
    labels,
    datasets: [
      {
        type: 'bar',
        label: 'Events',
        pointStyle: 'rect',
        data: oldest.map((h) => h.events),
        backgroundColor: labels.map(() => COLORS.events),
        yAxisID: 'y',
        maxBarThickness: 40,
        order: 3,
      },
      {
        type: 'line',
        label: 'Actor-hours',
        data: oldest.map((h) => h.actors),
        borderColor: COLORS.actors,
        backgroundColor: COLORS.actors,
        pointRadius: 2,
        tension: 0.2,
        yAxisID: 'y',
        order: 2,
      },
      {
        type: 'line',
        label: 'Anomaly rate',
        data: oldest.map((h) => (typeof h.anomaly_rate === 'number' ? h.anomaly_rate * 100 : null)),
        borderColor: COLORS.rate,
        backgroundColor: COLORS.rate,
        pointRadius: 2,
        pointStyle: 'rectRot',
        tension: 0.2,
        yAxisID: 'rate',
        order: 1,
      },
    ],
  };
  if (chart) chart.destroy();
  chart = new Chart(ui.chartCanvas, {
    data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      onClick: (event, _elements, c) => {
        const hit = c.getElementsAtEventForMode(event, 'index', { intersect: false }, true);
        if (hit.length) navigate({ hour: c.data.labels[hit[0].index], actor: null });
      },
      onHover: (event, elements) => {
        event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
      },
      scales: {
        x: {
          ticks: {
            autoSkip: true,
            maxRotation: 0,
            callback(value) {
              const k = this.getLabelForValue(value);
              return k.slice(11, 13) === '00' ? [`${k.slice(11, 13)}:00`, k.slice(5, 10)] : `${k.slice(11, 13)}:00`;
            },
          },
          grid: { display: false },
        },
        y: {
          position: 'left',
          beginAtZero: true,
          title: { display: true, text: 'Events, actor-hours' },
        },
        rate: {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'Anomaly rate (%)' },
          ticks: { callback: (v) => `${v}%` },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, boxHeight: 8 } },
        tooltip: {
          callbacks: {
            title: (items) => `${hourText(items[0].label)} UTC`,
            label: (item) =>
              item.dataset.yAxisID === 'rate'
                ? `Anomaly rate: ${item.parsed.y === null ? '–' : item.parsed.y.toFixed(2)}%`
                : `${item.dataset.label}: ${count(item.parsed.y)}`,
          },
        },
      },
    },
  });
  highlightChartHour();
}

function highlightChartHour() {
  if (!chart) return;
  const bars = chart.data.datasets[0];
  bars.backgroundColor = chart.data.labels.map((k) => (k === state.hour ? COLORS.eventsSelected : COLORS.events));
  chart.update('none');
}

// ---------------------------------------------------------------------------------------------
// One hour: its figures, its anomalies, its most active actors

async function loadHour() {
  const hour = state.hour;
  const pop = state.pop;
  ui.hourLabel.textContent = `${hourText(hour)} UTC`;
  renderHourStats();
  ui.anomaliesTable.dataset.state = 'loading';
  ui.topTable.dataset.state = 'loading';
  ui.anomaliesTable.setAttribute('aria-busy', 'true');
  ui.topTable.setAttribute('aria-busy', 'true');

  const [anomalies, top, drift, alerts] = await Promise.allSettled([
    api(query('/anomalies', { hour, limit: ANOMALY_LIMIT, population: pop })),
    api(query('/actors/top', { hour, limit: TOP_LIMIT })),
    api(query('/drift', { hour })),
    api(query('/alerts', { limit: ALERT_LIMIT })),
  ]);
  if (state.hour !== hour || state.pop !== pop) return; // a newer choice is loading

  renderDrift(drift);
  ui.driftTable.dataset.state = drift.status === 'fulfilled' ? 'ready' : 'error';
  ui.driftTable.dataset.hour = hour;
  renderAlerts(alerts);
  ui.alertsTable.dataset.state = alerts.status === 'fulfilled' ? 'ready' : 'error';

  if (anomalies.status === 'fulfilled') {
    anomalyRows = Array.isArray(anomalies.value.rows) ? anomalies.value.rows : [];
    renderAnomalies();
  } else {
    anomalyRows = [];
    messageRow(ui.anomaliesTable.tBodies[0], 5, `Could not load the anomalies: ${anomalies.reason.message}`);
    ui.thresholdNote.textContent = '';
  }
  ui.anomaliesTable.dataset.state = anomalies.status === 'fulfilled' ? 'ready' : 'error';
  ui.anomaliesTable.dataset.hour = hour;
  ui.anomaliesTable.removeAttribute('aria-busy');

  if (top.status === 'fulfilled') {
    renderTop(Array.isArray(top.value.rows) ? top.value.rows : []);
  } else {
    messageRow(ui.topTable.tBodies[0], 4, `Could not load the most active actors: ${top.reason.message}`);
  }
  ui.topTable.dataset.state = top.status === 'fulfilled' ? 'ready' : 'error';
  ui.topTable.dataset.hour = hour;
  ui.topTable.removeAttribute('aria-busy');
}

function renderHourStats() {
  const h = hours.find((x) => hourKey(x.hour) === state.hour);
  ui.hourStats.replaceChildren();
  if (!h) {
    ui.hourStats.append(el('div', {}, el('dt', { text: 'Figures' }), el('dd', { text: 'not among the last 48 hours' })));
    return;
  }
  const stat = (term, value, key) =>
    ui.hourStats.append(el('div', { dataset: { stat: key } }, el('dt', { text: term }), el('dd', { text: value })));
  stat('Events', count(h.events), 'events');
  stat('Actor-hours', count(h.actors), 'actors');
  stat('Anomalies', count(h.anomalies), 'anomalies');
  stat('Anomaly rate', percent(h.anomaly_rate), 'anomaly_rate');
  stat('Late events', count(h.late_events), 'late_events');
  stat('Dead letters', count(h.dead_letters), 'dead_letters');
  const versions = Array.isArray(h.model_versions) && h.model_versions.length ? h.model_versions.join(', ') : 'unscored';
  stat(h.model_versions && h.model_versions.length > 1 ? 'Models' : 'Model', versions, 'model_versions');
}

/** A link to another view; its address is refreshed whenever the state changes (refreshLinks). */
function navLink(next, text, cls = null) {
  return el('a', { class: cls, href: hashFor(next), text, dataset: { nav: JSON.stringify(next) } });
}

function refreshLinks() {
  for (const a of document.querySelectorAll('a[data-nav]')) {
    a.setAttribute('href', hashFor(JSON.parse(a.dataset.nav)));
  }
}

function actorLink(login, hour) {
  return navLink({ actor: login, hour }, login, 'actor-link');
}

function explanation(row) {
  const list = el('ul', { class: 'why' });
  const top = Array.isArray(row.top_features) ? row.top_features : [];
  for (const f of top) {
    list.append(
      el('li', { dataset: { feature: f.name } },
        el('span', { class: 'name', text: f.name }),
        el('span', { class: 'value', text: featureValue(f.value) })),
    );
  }
  if (!top.length) list.append(el('li', { class: 'none', text: 'no explanation' }));
  return list;
}

function botBadge(isBot) {
  return isBot ? el('span', { class: 'badge bot', text: 'bot' }) : el('span', { class: 'muted', text: 'no' });
}

/** The anomalies table; the threshold HIDES rows whose score is below it. */
function renderAnomalies() {
  const tbody = ui.anomaliesTable.tBodies[0];
  tbody.replaceChildren();
  if (!anomalyRows.length) {
    messageRow(tbody, 5, 'No anomalies in this hour.');
    ui.thresholdNote.textContent = '';
    return;
  }
  let hidden = 0;
  for (const r of anomalyRows) {
    const below = state.min > 0 && !(typeof r.score === 'number' && r.score >= state.min);
    if (below) hidden++;
    const t = thresholdFor(r.population, r.model_version);
    tbody.append(
      el('tr', { hidden: below, class: r.is_anomaly ? 'flagged' : null, dataset: { login: r.actor_login, score: r.score } },
        el('th', { scope: 'row' }, actorLink(r.actor_login, hourKey(r.hour) || state.hour)),
        el('td', { class: 'num score', title: t === null ? null : `threshold ${scoreText(t)}` }, scoreText(r.score), severityBadge(r.severity)),
        el('td', { class: 'pop', text: r.population ?? '–' }),
        el('td', { class: 'bot' }, botBadge(r.is_bot)),
        el('td', {}, explanation(r))),
    );
  }
  const visible = anomalyRows.length - hidden;
  const shownText =
    hidden === 0
      ? `Showing all ${visible} rows.`
      : `Showing ${visible} of ${anomalyRows.length} rows: ${hidden} with a score below ${state.min.toFixed(2)} hidden.`;
  ui.thresholdNote.textContent = `${shownText} ${flaggedAtText()}`;
  if (visible === 0) {
    tbody.append(el('tr', { class: 'message' }, el('td', { colspan: 5, text: `Every score is below ${state.min.toFixed(2)}.` })));
  }
}

/** A badge for the tiers above is_anomaly: high (top 0.5% of training scores) and critical (0.05%). */
function severityBadge(severity) {
  return severity === 'high' || severity === 'critical'
    ? el('span', { class: `badge sev-${severity}`, text: severity, title: `severity: ${severity}` })
    : null;
}

function renderTop(rows) {
  const tbody = ui.topTable.tBodies[0];
  tbody.replaceChildren();
  if (!rows.length) {
    messageRow(tbody, 4, 'No actors in this hour.');
    return;
  }
  for (const r of rows) {
    const f = r.features ?? {};
    tbody.append(
      el('tr', { class: r.is_anomaly ? 'flagged' : null, dataset: { login: r.actor_login } },
        el('th', { scope: 'row' }, actorLink(r.actor_login, hourKey(r.hour) || state.hour), r.is_bot ? ' ' : null, r.is_bot ? botBadge(true) : null),
        el('td', { class: 'num', text: count(f.event_count) }),
        el('td', { class: 'num', text: count(f.repo_diversity) }),
        el('td', { class: 'num score' }, scoreText(r.score), r.is_anomaly ? el('span', { class: 'badge flag', text: 'flagged' }) : null)),
    );
  }
}

function statText(v) {
  return Number.isFinite(v) ? v.toFixed(3) : '–';
}

function renderDrift(result) {
  const tbody = ui.driftTable.tBodies[0];
  tbody.replaceChildren();
  if (result.status !== 'fulfilled') {
    const missing = result.reason.status === 404;
    ui.driftSummary.textContent = missing
      ? 'No drift report for this hour: the job writes them when it scores with a model.'
      : `Could not load the drift report: ${result.reason.message}`;
    messageRow(tbody, 8, missing ? 'No drift report.' : 'Could not load the drift report.');
    return;
  }
  const reports = Array.isArray(result.value.reports) ? result.value.reports : [];
  ui.driftSummary.textContent = reports
    .map((r) => `${r.population}: ${percent(r.drifted_share)} of features drifted`
      + `${r.dataset_drift ? ' (dataset drift)' : ''}, anomaly rate ${percent(r.anomaly_rate)}`
      + `, ${count(r.critical ?? 0)} critical, model ${r.model_version ?? '–'}`)
    .join('; ');
  for (const r of reports) {
    for (const f of r.features ?? []) {
      tbody.append(
        el('tr', { class: f.drifted ? 'flagged' : null, dataset: { feature: f.feature, population: r.population } },
          el('td', { text: r.population }),
          el('th', { scope: 'row' }, f.feature, f.drifted ? ' ' : null, f.drifted ? el('span', { class: 'badge flag', text: 'drifted' }) : null),
          el('td', { text: f.test }),
          el('td', { class: 'num', text: statText(f.statistic) }),
          el('td', { class: 'num', text: f.usual_statistic == null ? '–' : statText(f.usual_statistic) }),
          el('td', { class: 'num', text: statText(f.threshold) }),
          el('td', { class: 'num', text: statText(f.psi) }),
          el('td', { class: 'num', text: `${featureValue(f.current_mean)} (${featureValue(f.reference_mean)})` })),
      );
    }
  }
  if (!tbody.rows.length) messageRow(tbody, 8, 'No feature compared in this hour.');
}

function renderAlerts(result) {
  const tbody = ui.alertsTable.tBodies[0];
  tbody.replaceChildren();
  if (result.status !== 'fulfilled') {
    messageRow(tbody, 3, `Could not load the alerts: ${result.reason.message}`);
    return;
  }
  const alerts = Array.isArray(result.value.alerts) ? result.value.alerts : [];
  if (!alerts.length) {
    messageRow(tbody, 3, 'No alert in the last 48 hours.');
    return;
  }
  for (const a of alerts) {
    tbody.append(
      el('tr', { dataset: { id: a.id } },
        el('td', {}, navLink({ hour: hourKey(a.hour), actor: null }, hourText(a.hour))),
        el('td', { text: a.rule }),
        el('td', {}, a.summary,
          a.evidence?.campaign ? ' ' : null,
          a.evidence?.campaign ? navLink({ campaign: a.evidence.campaign }, 'open the campaign', 'campaign-open') : null)),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// One actor: its recent hours and why each was flagged

async function loadActor(focus) {
  const login = state.actor;
  if (!login) {
    const hadFocus = ui.actorView.contains(document.activeElement);
    ui.actorView.hidden = true;
    if (hadFocus) $('hour-title').focus(); // focus is not lost with the view that held it
    return;
  }
  ui.actorView.hidden = false;
  ui.actorLogin.textContent = login;
  ui.actorTable.dataset.state = 'loading';
  ui.actorTable.setAttribute('aria-busy', 'true');
  ui.actorSummary.textContent = 'Loading…';
  ui.actorTable.tBodies[0].replaceChildren();
  if (focus) {
    ui.actorTitle.focus();
    ui.actorView.scrollIntoView({ block: 'start' });
  }
  loadActorCampaigns(login);
  try {
    const body = await api(`/actors/${encodeURIComponent(login)}?hours=${HOURS_SHOWN}`);
    if (state.actor !== login) return;
    renderActor(Array.isArray(body.rows) ? body.rows : []);
    ui.actorTable.dataset.state = 'ready';
  } catch (e) {
    if (state.actor !== login) return;
    ui.actorSummary.textContent =
      e.status === 404 ? `No actor-hours of ${login} in the job's output.` : `Could not load ${login}: ${e.message}`;
    ui.actorTable.dataset.state = 'error';
  } finally {
    ui.actorTable.removeAttribute('aria-busy');
  }
}

/** "Member of campaign …" under the actor's summary; nothing when it is in none. */
async function loadActorCampaigns(login) {
  ui.actorCampaigns.hidden = true;
  ui.actorCampaigns.replaceChildren();
  let body;
  try {
    body = await api(`/actors/${encodeURIComponent(login)}/campaigns`);
  } catch (e) {
    if (state.actor !== login) return;
    ui.actorCampaigns.textContent = `Could not load its campaigns: ${e.message}`;
    ui.actorCampaigns.hidden = false;
    return;
  }
  if (state.actor !== login) return;
  const list = Array.isArray(body.campaigns) ? body.campaigns : [];
  if (!list.length) return;
  ui.actorCampaigns.append(`Member of ${list.length === 1 ? 'a coordinated campaign' : `${list.length} coordinated campaigns`}: `);
  list.forEach((c, i) => {
    if (i) ui.actorCampaigns.append(', ');
    ui.actorCampaigns.append(campaignLink(c.id), ` (${count(c.accounts)} accounts, ${count(c.repositories)} repositories)`);
  });
  ui.actorCampaigns.hidden = false;
}

function verdict(r) {
  if (typeof r.score !== 'number') return el('span', { class: 'muted', text: 'not scored' });
  const t = thresholdFor(r.population, r.model_version);
  const against = t === null ? '' : ` ${r.is_anomaly ? '≥' : '<'} ${scoreText(t)}`;
  return r.is_anomaly
    ? el('span', { class: 'badge flag', text: `flagged${against}` })
    : el('span', { class: 'muted', text: `normal${against}` });
}

function renderActor(rows) {
  const tbody = ui.actorTable.tBodies[0];
  tbody.replaceChildren();
  const flagged = rows.filter((r) => r.is_anomaly).length;
  const bot = rows.some((r) => r.is_bot);
  ui.actorSummary.textContent =
    `${rows.length} hour${rows.length === 1 ? '' : 's'} in the last ${HOURS_SHOWN}, ${flagged} flagged` +
    (bot ? '; a bot account.' : '.');
  if (!rows.length) {
    messageRow(tbody, 6, 'No recent hours.');
    return;
  }
  for (const r of rows) {
    const k = hourKey(r.hour);
    tbody.append(
      el('tr', { class: r.is_anomaly ? 'flagged' : null, dataset: { hour: k, score: r.score } },
        el('th', { scope: 'row' }, navLink({ hour: k }, hourText(k))),
        el('td', { class: 'num', text: count(r.features?.event_count) }),
        el('td', { class: 'num score', text: scoreText(r.score) }),
        el('td', {}, verdict(r)),
        el('td', { class: 'pop', text: r.population ?? '–' }),
        el('td', {}, explanation(r))),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Coordinated campaigns: the list, and one campaign as its members, targets and timeline

function campaignLink(id) {
  return navLink({ campaign: id }, id, 'campaign-link');
}

function kindsText(kinds) {
  return Array.isArray(kinds) && kinds.length ? kinds.map((k) => k.replace('_', ' ')).join(', ') : '–';
}

async function loadCampaigns() {
  const before = JSON.stringify(campaigns);
  try {
    campaigns = await api(query('/campaigns', { limit: CAMPAIGN_LIMIT }));
  } catch (e) {
    messageRow(ui.campaignsTable.tBodies[0], 6, `Could not load the campaigns: ${e.message}`);
    ui.campaignsTable.dataset.state = 'error';
    return;
  }
  if (JSON.stringify(campaigns) === before) return;
  renderCampaigns();
  ui.campaignsTable.dataset.state = 'ready';
  if (before !== 'null' && state.campaign) loadCampaign(false); // it may have grown
}

function renderCampaigns() {
  const tbody = ui.campaignsTable.tBodies[0];
  tbody.replaceChildren();
  const list = Array.isArray(campaigns?.campaigns) ? campaigns.campaigns : [];
  const total = campaigns?.total ?? list.length;
  ui.campaignsSummary.textContent = total
    ? `${count(total)} group${total === 1 ? '' : 's'} of accounts acting in lockstep on the same repositories` +
      (total > list.length ? `; the newest ${list.length} shown.` : '.')
    : '';
  if (!list.length) {
    messageRow(tbody, 6, 'No coordinated campaign found in the output.');
    return;
  }
  for (const c of list) {
    tbody.append(
      el('tr', { class: c.id === state.campaign ? 'current' : null, dataset: { id: c.id } },
        el('th', { scope: 'row' }, campaignLink(c.id), c.status === 'new' ? ' ' : null,
          c.status === 'new' ? el('span', { class: 'badge flag', text: 'new' }) : null),
        el('td', {}, navLink({ hour: hourKey(c.hour) }, hourText(c.hour))),
        el('td', { class: 'num', text: count(c.accounts) }),
        el('td', { class: 'num', text: count(c.repositories) }),
        el('td', { text: kindsText(c.kinds) }),
        el('td', { class: 'num', text: percent(c.confidence) })),
    );
  }
}

async function loadCampaign(focus) {
  const id = state.campaign;
  if (!id) {
    const hadFocus = ui.campaignView.contains(document.activeElement);
    ui.campaignView.hidden = true;
    if (hadFocus) $('hour-title').focus();
    return;
  }
  ui.campaignView.hidden = false;
  ui.campaignId.textContent = id;
  ui.campaignSummary.textContent = 'Loading…';
  ui.campaignStats.replaceChildren();
  ui.campaignMembers.replaceChildren();
  ui.campaignRepos.replaceChildren();
  ui.campaignMembersCount.textContent = '';
  ui.campaignReposCount.textContent = '';
  ui.campaignTimeline.tBodies[0].replaceChildren();
  ui.campaignTimeline.dataset.state = 'loading';
  ui.campaignTimeline.setAttribute('aria-busy', 'true');
  if (focus) {
    ui.campaignTitle.focus();
    ui.campaignView.scrollIntoView({ block: 'start' });
  }
  try {
    const body = await api(`/campaigns/${encodeURIComponent(id)}`);
    if (state.campaign !== id) return;
    renderCampaign(body);
    ui.campaignTimeline.dataset.state = 'ready';
  } catch (e) {
    if (state.campaign !== id) return;
    ui.campaignSummary.textContent =
      e.status === 404 ? `No campaign ${id} in the job's output.` : `Could not load campaign ${id}: ${e.message}`;
    ui.campaignTimeline.dataset.state = 'error';
  } finally {
    ui.campaignTimeline.removeAttribute('aria-busy');
  }
}

/** From the end of the hour to the commit; a day or more is an old hour replayed, not a delay. */
function delayText(seconds) {
  if (typeof seconds !== 'number') return '–';
  if (seconds >= 86_400) return 'replayed later';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function renderCampaign(body) {
  const c = body.campaign ?? {};
  const members = Array.isArray(body.members) ? body.members : [];
  const repos = Array.isArray(body.repos) ? body.repos : [];
  const timeline = Array.isArray(body.timeline) ? body.timeline : [];
  ui.campaignSummary.textContent =
    `${count(members.length)} accounts acting in lockstep (${kindsText(c.kinds)}) on ${count(repos.length)} repositories, ` +
    `from ${instantText(c.first_action)} to ${instantText(c.last_action)}; found in the hour of ${hourText(c.first_detected_hour)}.`;
  const stat = (term, value, key) =>
    ui.campaignStats.append(el('div', { dataset: { stat: key } }, el('dt', { text: term }), el('dd', { text: value })));
  stat('Accounts', count(members.length), 'accounts');
  stat('Targets', count(repos.length), 'repositories');
  stat('Tightness', percent(c.tightness), 'tightness');
  stat('Confidence', percent(c.confidence), 'confidence');
  stat('Single-purpose', percent(c.single_purpose_share), 'single_purpose_share');
  stat('Low-activity', percent(c.low_activity_share), 'low_activity_share');
  stat('Hours', count(timeline.length), 'hours');
  stat('Status', c.status ?? '–', 'status');

  ui.campaignMembersCount.textContent = `(${count(members.length)})`;
  for (const login of members) {
    ui.campaignMembers.append(el('li', { dataset: { login } }, navLink({ actor: login }, login, 'actor-link')));
  }
  ui.campaignReposCount.textContent = `(${count(repos.length)})`;
  for (const repo of repos) {
    ui.campaignRepos.append(el('li', { dataset: { repo }, text: repo }));
  }

  const tbody = ui.campaignTimeline.tBodies[0];
  if (!timeline.length) {
    messageRow(tbody, 8, 'No hour recorded.');
    return;
  }
  for (const step of timeline) {
    const k = hourKey(step.hour);
    tbody.append(
      el('tr', { dataset: { hour: k, status: step.status } },
        el('th', { scope: 'row' }, navLink({ hour: k }, hourText(k))),
        el('td', { text: step.status }),
        el('td', { class: 'num', text: count(step.accounts) }),
        el('td', { class: 'num', text: count(step.repositories) }),
        el('td', { class: 'num', text: count(step.added_members?.length) }),
        el('td', { class: 'num', text: count(step.added_repos?.length) }),
        el('td', { class: 'num', text: percent(step.confidence) }),
        el('td', { class: 'num', text: delayText(step.delay_seconds), title: `committed ${instantText(step.committed_at)}` })),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Start

function wireControls() {
  ui.hourSelect.addEventListener('change', () => navigate({ hour: ui.hourSelect.value, actor: null }));
  ui.population.addEventListener('change', () => navigate({ pop: ui.population.value }));
  ui.threshold.addEventListener('input', () => replace({ min: Number.parseFloat(ui.threshold.value) }));
  ui.threshold.addEventListener('change', () => replace({ min: Number.parseFloat(ui.threshold.value) }));
  window.addEventListener('hashchange', () => applyHash());
}

async function start() {
  wireControls();
  const [h, m] = await Promise.allSettled([api(query('/hours', { limit: HOURS_SHOWN })), api('/model')]);
  const problems = [];
  if (h.status === 'fulfilled') {
    hours = Array.isArray(h.value.hours) ? h.value.hours : [];
  } else {
    problems.push(`Could not load the hours: ${h.reason.message}`);
  }
  if (m.status === 'fulfilled') {
    model = m.value;
  } else if (m.reason.status !== 503) {
    problems.push(`Could not load the model: ${m.reason.message}`);
  }
  setStatus(problems.join(' '), 'error');
  renderModel();
  renderHourOptions();
  renderHoursTable();
  renderChart();
  if (!hours.length && h.status === 'fulfilled') {
    ui.hourLabel.textContent = '–';
    setStatus('The job has written no hours yet: start it, and this page fills in as hours land.');
  }
  await Promise.all([applyHash(), loadCampaigns()]);
  document.body.dataset.ready = 'true';
  setInterval(refresh, REFRESH_MS);
}

/** Picks up new hours (and a new model): redraws only what changed. */
async function refresh() {
  const [h, m] = await Promise.allSettled([api(query('/hours', { limit: HOURS_SHOWN })), api('/model')]);
  loadCampaigns();
  if (m.status === 'fulfilled' && JSON.stringify(m.value) !== JSON.stringify(model)) {
    model = m.value;
    renderModel();
  }
  if (h.status !== 'fulfilled') return;
  const fresh = Array.isArray(h.value.hours) ? h.value.hours : [];
  if (JSON.stringify(fresh) === JSON.stringify(hours)) return;
  const followLatest = !new URLSearchParams(location.hash.slice(1)).get('hour');
  hours = fresh;
  renderHourOptions();
  renderHoursTable();
  renderChart();
  if (followLatest) {
    shown.hourQuery = null; // the latest hour may be new, and its figures have grown
  }
  renderHourStats();
  await applyHash();
}

start();
