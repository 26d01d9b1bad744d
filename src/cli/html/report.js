// claimtrace HTML report: claim details and filters. The data comes from
// the JSON element, and everything shown is built with textContent, so no
// text from the article is ever parsed as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('claimtrace-data').textContent);
  var byKey = {};
  data.claims.forEach(function (c) { byKey[c.key] = c; });
  var details = document.getElementById('details');
  var body = details.querySelector('.details-body');
  var status = document.getElementById('filter-status');
  var pieces = Array.prototype.slice.call(document.querySelectorAll('.text [data-claim]'));

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function chain(links) {
    var span = el('span', null, 'chain');
    links.forEach(function (link, i) {
      if (i > 0) {
        var arrow = el('span', '\u2192', 'arrow');
        arrow.setAttribute('aria-label', 'then');
        span.appendChild(arrow);
      }
      span.appendChild(el('span', link, 'link'));
    });
    return span;
  }

  function row(dl, term, value) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', term));
    var dd = el('dd');
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }

  function show(key) {
    var c = byKey[key];
    if (!c) return;
    pieces.forEach(function (p) {
      var on = p.getAttribute('data-claim') === key;
      p.classList.toggle('active', on);
      if (p.classList.contains('claim-head')) {
        if (on) p.setAttribute('aria-current', 'true'); else p.removeAttribute('aria-current');
      }
    });
    body.textContent = '';
    var heading = el('p', null, 'details-heading');
    var head = document.getElementById('claim-' + key);
    var badge = el('span', head ? head.getAttribute('data-letter') : '', 'badge c-' + c.category);
    heading.appendChild(badge);
    heading.appendChild(el('strong', c.id));
    heading.appendChild(document.createTextNode(' \u00b7 ' + c.document + ' ' + c.line + ':' + c.column));
    body.appendChild(heading);
    body.appendChild(el('blockquote', c.content, 'details-content'));
    var dl = el('dl');
    if (c.attributed) {
      row(dl, 'Source', c.source || '(none)');
      if (c.entity && c.entity !== c.source) row(dl, 'Entity', c.entity);
      row(dl, 'Type', c.category);
      if (c.chain.length > 1) row(dl, 'Chain', chain(c.chain));
      row(dl, 'Cue', c.cue);
      row(dl, 'Kind', c.kind.replace('_', ' '));
      row(dl, 'Tone', c.tone);
    } else {
      row(dl, 'Source', 'none: asserted in the author\u2019s voice');
      if (c.quoted) row(dl, 'Quoted', 'a quotation with no speaker');
    }
    row(dl, 'Hedge', c.hedge.level + (c.hedge.level === 'none' ? '' : ' (score ' + c.hedge.score + ')'));
    if (c.hedge.cues.length) {
      var ul = el('ul', null, 'hedge-cues');
      c.hedge.cues.forEach(function (h) {
        ul.appendChild(el('li', '\u201c' + h.text + '\u201d ' + (h.weight > 0 ? '+' : '') + h.weight + ' (' + h.rule + ')'));
      });
      row(dl, 'Hedge cues', ul);
    }
    if (c.rule) row(dl, 'Rule', el('code', c.rule));
    if (c.rules.length) row(dl, 'Other rules', c.rules.join(', '));
    if (c.parent && byKey[c.parent]) row(dl, 'Inside', byKey[c.parent].id);
    body.appendChild(dl);
  }

  document.addEventListener('click', function (e) {
    var piece = e.target.closest ? e.target.closest('.text [data-claim]') : null;
    if (piece) show(piece.getAttribute('data-claim'));
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t.classList && t.classList.contains('claim-head') && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      show(t.getAttribute('data-claim'));
    }
  });

  // Filters: one at a time, by source type or by source.
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.panel button[aria-pressed]'));
  function filter(button, test, label) {
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', b === button ? 'true' : 'false'); });
    var shown = 0;
    data.claims.forEach(function (c) { if (test(c)) shown++; });
    pieces.forEach(function (p) {
      var c = byKey[p.getAttribute('data-claim')];
      p.classList.toggle('dim', !test(c));
    });
    status.textContent = label ? 'Showing ' + shown + ' of ' + data.claims.length + ' claims: ' + label + '.' : 'Showing all claims.';
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var again = b.getAttribute('aria-pressed') === 'true';
      var all = document.querySelector('.filter-all');
      if (b.classList.contains('filter-all') || again) {
        filter(all, function () { return true; }, null);
      } else if (b.classList.contains('type-filter')) {
        var category = b.getAttribute('data-category');
        filter(b, function (c) { return c.category === category; }, category);
      } else {
        var group = Number(b.getAttribute('data-group'));
        filter(b, function (c) { return c.group === group; }, 'source ' + data.sources[group].name);
      }
    });
  });

  // Print the claim lists open.
  var notes = Array.prototype.slice.call(document.querySelectorAll('details.notes'));
  var wasOpen = [];
  window.addEventListener('beforeprint', function () {
    wasOpen = notes.map(function (n) { return n.open; });
    notes.forEach(function (n) { n.open = true; });
  });
  window.addEventListener('afterprint', function () {
    notes.forEach(function (n, i) { n.open = wasOpen[i]; });
  });
  document.documentElement.setAttribute('data-ready', 'true');
}());
