// The report's only script (the page's CSP allows nothing else). It never builds
// HTML from text: the only markup it inserts is the escaped body the writer rendered.
(() => {
  'use strict';
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const byId = (id) => document.getElementById(id);
  const arts = $$('article.art');
  const rows = $$('#ranking tr[data-art]'); // same order as arts: both worst first
  const q = byId('q'), reason = byId('reason'), shown = byId('shown'), more = byId('rank-more');
  const RANK_ROWS = Number(byId('ranking').dataset.top); // ranking rows shown before "Show all"
  const state = { verdicts: new Set(), reason: '', q: '', allRows: false };

  // Per article, per sentence in page order: [section, heading?, verdict, reasons, text].
  // Parsed on first use: a page that is only read never pays for it.
  let index = null, pass = null;
  function load() {
    if (!index) {
      index = JSON.parse(byId('index').textContent);
      pass = index.map((sents) => new Uint8Array(sents.length).fill(1));
    }
  }

  // Bodies arrive as HTML that the report writer escaped, inside a JSON string:
  // parsing it here is what the page's own parser would have done at load.
  const bodyOf = (art) => art.querySelector('.body');
  function render(i) {
    const body = bodyOf(arts[i]);
    if (body.dataset.done) return;
    body.innerHTML = JSON.parse(arts[i].querySelector('script.b').textContent);
    body.dataset.done = '1';
    reviewable(body);
    show(i);
  }
  function open(i) {
    render(i);
    arts[i].querySelector('details').open = true;
  }
  const setHidden = (el, h) => { if (el.hidden !== h) el.hidden = h; };
  const isActive = () => state.verdicts.size > 0 || state.reason !== '' || state.q !== '';

  // Mirror the filter result of article i onto its rendered sentences and sections.
  function show(i) {
    const body = bodyOf(arts[i]);
    if (!body.dataset.done || !index) return;
    const active = isActive(), p = pass[i], idx = index[i];
    const sents = body.querySelectorAll('.s'), secs = body.querySelectorAll('.sec');
    const secOn = new Uint8Array(secs.length);
    for (let k = 0; k < sents.length; k++) {
      if (!idx[k][1]) setHidden(sents[k], !p[k]); // headings stay as context
      if (p[k]) secOn[idx[k][0]] = 1;
    }
    secs.forEach((sec, k) => setHidden(sec, active && !secOn[k]));
  }

  function passes(e, titleHit) {
    if (state.verdicts.size && !state.verdicts.has(e[2])) return false;
    if (state.reason && !e[3].split(' ').includes(state.reason)) return false;
    return !state.q || titleHit || e[4].includes(state.q);
  }

  // Sentence-level filtering: an article stays if any of its sentences passes all
  // filters; within it, only passing sentences (and their sections' headings) show.
  function apply() {
    load();
    const active = isActive();
    let nArts = 0, nSents = 0;
    arts.forEach((art, i) => {
      const titleHit = state.q !== '' && art.dataset.k.includes(state.q);
      let n = 0;
      index[i].forEach((e, k) => { const ok = !active || passes(e, titleHit); pass[i][k] = ok ? 1 : 0; n += ok; });
      const on = !active || n > 0;
      setHidden(art, !on);
      art.querySelector('.fcount').textContent = active && on ? `${n} matching` : '';
      if (on) { nArts++; nSents += n; show(i); }
    });
    rank();
    shown.textContent = active ? `${nArts} of ${arts.length} articles · ${nSents} matching lines` : `${arts.length} articles`;
    byId('empty').hidden = nArts > 0;
    for (const b of $$('[data-filter-v]')) b.setAttribute('aria-pressed', String(state.verdicts.has(b.dataset.filterV)));
    for (const b of $$('[data-filter-r]')) b.setAttribute('aria-pressed', String(state.reason === b.dataset.filterR));
    reason.value = state.reason;
    reason.classList.toggle('on', state.reason !== '');
    // A search that leaves a handful of articles opens them: the hits are the point.
    if (state.q && nArts <= 3) arts.forEach((art, i) => { if (!art.hidden) open(i); });
  }

  // The ranking lists the first RANK_ROWS matching articles until "Show all":
  // a thousand laid-out rows would cost more than they tell at a glance.
  function rank() {
    let n = 0;
    rows.forEach((row, i) => {
      const match = !arts[i].hidden;
      if (match) n++;
      setHidden(row, !match || (!state.allRows && n > RANK_ROWS));
    });
    more.hidden = n <= RANK_ROWS;
    more.textContent = state.allRows ? `Show the first ${RANK_ROWS}` : `Show all ${n}`;
  }

  function reset() {
    state.verdicts.clear();
    state.reason = '';
    state.q = q.value = '';
    apply();
  }

  // Follow in-page links (ranking rows, "kept copy") into closed or unrendered articles.
  function go(id, artId) {
    const i = arts.findIndex((a) => a.id === 'a-' + artId || a.id === id || id.startsWith(a.id.slice(2) + ':'));
    if (i >= 0) render(i);
    let el = byId(id);
    if (!el) return false;
    if (el.closest('[hidden]')) reset();
    const art = el.closest('article.art');
    if (art) open(arts.indexOf(art));
    if (el === art) el = art.querySelector('summary');
    el.scrollIntoView({ block: el.tagName === 'SUMMARY' ? 'start' : 'center' });
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    return true;
  }

  // --- Reviews: a reviewer marks a verdict as wrong; the marks stay in this browser
  // (localStorage, per run) until exported as reviews.jsonl for `pipeline run --reviews`.
  // Every piece of text goes in through textContent, value or setAttribute, never as HTML.
  const RUN = document.documentElement.dataset.run;
  const STORE = `mt-scrape-pipeline:reviews:${RUN}`, NAME = 'mt-scrape-pipeline:reviewer';
  const editor = byId('rv-editor'), pick = byId('rv-verdict'), note = byId('rv-note'), who = byId('rv-name');
  const storage = (() => {
    try { const s = window.localStorage; s.getItem(NAME); return s; } catch (err) { return null; } // a file:// page may get none
  })();
  const marks = new Map();
  for (const m of readJson(storage && storage.getItem(STORE)) || JSON.parse(byId('reviews').textContent)) {
    if (m && typeof m.key === 'string') marks.set(m.key, m);
  }
  function readJson(text) {
    try { const v = text ? JSON.parse(text) : null; return Array.isArray(v) ? v : null; } catch (err) { return null; }
  }
  function keep() {
    try { if (storage) storage.setItem(STORE, JSON.stringify([...marks.values()])); } catch (err) { byId('rv-store').textContent = 'Not saved in this browser (storage full): export now.'; }
    const n = marks.size;
    byId('rv-count').textContent = String(n);
    byId('rv-export').disabled = byId('rv-clear').disabled = n === 0;
  }
  if (!storage) byId('rv-store').textContent = 'This browser keeps nothing for this page: export before you close it.';
  who.value = (storage && storage.getItem(NAME)) || '';
  who.addEventListener('input', () => { try { if (storage) storage.setItem(NAME, who.value); } catch (err) { /* the name is in the field still */ } });

  const verdictOf = (row) => [...row.classList].find((c) => c.startsWith('vd-')).slice(3);
  // A row's review button, and its mark when it has one that the page does not show yet.
  function decorate(row) {
    let b = row.querySelector(':scope > button.rvb');
    if (!b) {
      b = document.createElement('button');
      b.type = 'button';
      b.className = 'rvb';
      b.textContent = '✎';
      row.appendChild(b);
    }
    const m = marks.get(row.dataset.k);
    // Not yet in this report: a mark of this page, or one changed since the run applied it ("ok" keeps a heading a heading).
    const want = m && (m.new_verdict === 'ok' && row.classList.contains('h') ? 'heading' : m.new_verdict);
    const pending = !!m && want !== verdictOf(row);
    row.classList.toggle('rv-on', !!m);
    b.title = m ? `Reviewed: should be ${m.new_verdict}${m.note ? ` (${m.note})` : ''}. Change or remove the review` : 'Review this verdict';
    b.setAttribute('aria-label', b.title);
    let tag = row.querySelector('.rv-mark');
    if (!pending) { if (tag) tag.remove(); return; }
    if (!tag) {
      tag = document.createElement('span');
      tag.className = 'rv-mark';
      row.querySelector('.x').after(tag);
    }
    tag.textContent = ` → ${m.new_verdict.replace('_', ' ')}${m.note ? `: ${m.note}` : ''}`;
  }
  function reviewable(body) { body.querySelectorAll('.s[data-k]').forEach(decorate); }

  let editing = null; // the row the editor is open on
  function edit(row) {
    editing = row;
    const m = marks.get(row.dataset.k), v = verdictOf(row), heading = row.classList.contains('h');
    byId('rv-was').textContent = v.replace('_', ' ');
    for (const o of pick.options) o.disabled = heading ? o.value === 'ok' : o.value === 'heading';
    pick.value = m ? m.new_verdict : ({ ok: 'garbled', heading: 'boilerplate' })[v] || 'ok';
    note.value = m ? m.note : '';
    byId('rv-remove').hidden = !m;
    row.after(editor);
    editor.hidden = false;
    pick.focus();
  }
  function closeEditor() { editor.hidden = true; editing = null; }
  byId('rv-save').addEventListener('click', () => {
    const row = editing, key = row.dataset.k, old = marks.get(key);
    const applied = row.querySelector('.rv-applied');
    marks.set(key, {
      key, old_verdict: old ? old.old_verdict : (applied ? applied.dataset.machine : verdictOf(row)), new_verdict: pick.value,
      note: note.value.trim(), reviewer: who.value.trim(), time: new Date().toISOString(),
      article: row.closest('article.art').id.slice(2), line: Number(row.querySelector('.ln').textContent), text: row.querySelector('.x').textContent,
    });
    keep(); decorate(row); closeEditor();
  });
  byId('rv-remove').addEventListener('click', () => { marks.delete(editing.dataset.k); keep(); decorate(editing); closeEditor(); });
  byId('rv-cancel').addEventListener('click', closeEditor);
  editor.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); closeEditor(); } });

  // One JSON object per line. "<", ">", "&" and the two line separators JavaScript leaves raw
  // are written as \u escapes: the same JSON, and inert if the file is ever pasted into a page.
  const inert = (line) => line.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  byId('rv-export').addEventListener('click', () => {
    const text = [...marks.values()].map((m) => inert(JSON.stringify(m))).join('\n') + '\n';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    a.download = 'reviews.jsonl';
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  });
  byId('rv-clear').addEventListener('click', () => {
    marks.clear();
    keep();
    closeEditor();
    document.querySelectorAll('.body .s[data-k]').forEach(decorate);
  });
  keep();

  document.addEventListener('click', (e) => {
    const t = e.target.closest('a[href^="#"], [data-filter-v], [data-filter-r], [data-reset], button.sc, button.rvb');
    if (!t) return;
    if (t.matches('button.rvb')) {
      if (editing === t.parentElement && !editor.hidden) closeEditor(); else edit(t.parentElement);
    } else if (t.matches('button.sc')) {
      const why = t.closest('.s').querySelector('.why');
      why.open = !why.open;
    } else if (t.matches('a')) {
      if (go(decodeURIComponent(t.getAttribute('href').slice(1)), t.dataset.a || '')) {
        e.preventDefault();
        history.replaceState(null, '', t.getAttribute('href'));
      }
    } else if (t.dataset.filterV) {
      const v = t.dataset.filterV;
      if (state.verdicts.has(v)) state.verdicts.delete(v); else state.verdicts.add(v);
      apply();
    } else if (t.dataset.filterR) {
      state.reason = state.reason === t.dataset.filterR ? '' : t.dataset.filterR;
      apply();
    } else {
      reset();
    }
  });
  arts.forEach((art, i) => {
    const details = art.querySelector('details');
    // Render a body just before its article opens, so it never opens empty.
    details.querySelector('summary').addEventListener('click', () => render(i));
    // Closed articles skip layout (content-visibility); open ones must not, or
    // their tooltips and sticky header would be clipped.
    details.addEventListener('toggle', () => art.classList.toggle('open', details.open));
  });
  reason.addEventListener('change', () => { state.reason = reason.value; apply(); });
  let timer = 0;
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = q.value.trim().toLowerCase(); apply(); }, 120);
  });
  q.addEventListener('keydown', (e) => { if (e.key === 'Escape') { q.value = ''; state.q = ''; apply(); } });
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) { e.preventDefault(); q.focus(); }
  });
  byId('open-all').addEventListener('click', () => arts.forEach((a, i) => { if (!a.hidden) open(i); }));
  byId('close-all').addEventListener('click', () => { for (const a of arts) a.querySelector('details').open = false; });
  byId('reset').addEventListener('click', reset);
  more.addEventListener('click', () => { state.allRows = !state.allRows; rank(); });

  // Sticky article headers sit just under the filter bar, whatever its height.
  const bar = byId('bar');
  const barHeight = () => document.documentElement.style.setProperty('--bar-h', `${bar.offsetHeight}px`);
  new ResizeObserver(barHeight).observe(bar);
  barHeight();

  shown.textContent = `${arts.length} articles`;
  if (location.hash) go(decodeURIComponent(location.hash.slice(1)), '');
  document.documentElement.dataset.ready = '1'; // for tests: the script ran to the end
})();
