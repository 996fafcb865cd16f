// The console's ticket finder (#/find): every ticket by status, grade, category and breach, a page
// at a time, or found by words (docs/agent-workspace.md). What is asked is kept in the address, so a
// reload or the back button shows the same page.
(function (C) {
  'use strict';
  var h = C.h;
  var say = C.say;
  var PAGE = 25;
  C.addPolish({
    'Find tickets': 'Szukaj zgłoszeń',
    'Words, ticket number or phone': 'Słowa, numer zgłoszenia lub telefon',
    'any status': 'dowolny status',
    'any grade': 'dowolna klasa',
    'any category': 'dowolna kategoria',
    'Breached only': 'Tylko przekroczone',
    'Organisation id': 'Id organizacji',
    Find: 'Szukaj',
    'Newer page': 'Nowsza strona',
    'Older page': 'Starsza strona',
    'More results': 'Więcej wyników',
    'No ticket matches.': 'Żadne zgłoszenie nie pasuje.',
    'Tickets {from}-{to}, newest first': 'Zgłoszenia {from}-{to}, od najnowszych',
    '{n} found, newest first': 'Znaleziono: {n}, od najnowszych',
    '{n} found among the newest {scanned} checked; more may follow':
      'Znaleziono: {n} wśród {scanned} najnowszych sprawdzonych; może być więcej',
    'Search results': 'Wyniki wyszukiwania',
  });
  var STATUSES = [
    ['new', 'new'],
    ['in_progress', 'in progress'],
    ['waiting_on_customer', 'waiting on customer'],
    ['resolved', 'resolved'],
    ['closed', 'closed'],
  ];
  var CATEGORIES = [
    ['technical', 'Technical'],
    ['billing', 'Billing and subscription'],
    ['presales', 'Pre-sales'],
  ];

  function askedOf(hash) {
    var query = hash.split('?')[1] || '';
    var asked = {};
    query.split('&').forEach(function (pair) {
      var kv = pair.split('=');
      if (kv[0]) asked[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || '');
    });
    return asked;
  }
  function queryOf(asked, names) {
    return names
      .filter(function (k) {
        return asked[k];
      })
      .map(function (k) {
        return encodeURIComponent(k) + '=' + encodeURIComponent(asked[k]);
      })
      .join('&');
  }
  var FILTERS = ['status', 'grade', 'category', 'breached', 'orgId'];

  function select(id, label, any, options, value) {
    return [
      h('label', { for: id, text: say(label) }),
      h(
        'select',
        { id: id, name: id },
        h('option', { value: '', text: say(any) }),
        options.map(function (o) {
          return h('option', { value: o[0], text: say(o[1]), selected: o[0] === value });
        }),
      ),
    ];
  }

  var shownFor = null; // the address the page was built for: a live refresh renews only a list's rows

  function show(moveFocus) {
    var asked = askedOf(location.hash);
    if (!moveFocus && shownFor === location.hash && document.getElementById('find-results')) {
      if (!asked.q) list(asked, document.getElementById('find-results'), document.getElementById('find-error'));
      return;
    }
    shownFor = location.hash;
    var results = h('div', { id: 'find-results', 'aria-live': 'polite' });
    var error = h('p', { class: 'error', role: 'alert', id: 'find-error' });
    var form = h(
      'form',
      {
        class: 'card find',
        role: 'search',
        'aria-labelledby': 'view-title',
        onsubmit: function (e) {
          e.preventDefault();
          var next = {};
          FILTERS.concat(['q']).forEach(function (k) {
            var field = form.elements[k];
            next[k] = field.type === 'checkbox' ? (field.checked ? 'true' : '') : field.value.trim();
          });
          var target = '#/find?' + queryOf(next, ['q'].concat(FILTERS));
          if (location.hash === target) show(false);
          else location.hash = target;
        },
      },
      h('label', { for: 'q', text: say('Words, ticket number or phone') }),
      h('input', { id: 'q', name: 'q', type: 'search', maxlength: '200', value: asked.q || '', autocomplete: 'off' }),
      h(
        'div',
        { class: 'filters' },
        select('status', 'Status', 'any status', STATUSES, asked.status),
        select(
          'grade',
          'Grade',
          'any grade',
          [
            ['A', 'A'],
            ['B', 'B'],
            ['C', 'C'],
          ],
          asked.grade,
        ),
        select('category', 'Category', 'any category', CATEGORIES, asked.category),
        h('label', { for: 'orgId', text: say('Organisation id') }),
        h('input', { id: 'orgId', name: 'orgId', type: 'text', maxlength: '100', value: asked.orgId || '' }),
        h(
          'label',
          { class: 'check' },
          h('input', { id: 'breached', name: 'breached', type: 'checkbox', checked: asked.breached === 'true' }),
          ' ' + say('Breached only'),
        ),
      ),
      h('button', { type: 'submit', class: 'primary', id: 'find', text: say('Find') }),
    );
    C.replace(C.main, [h('h2', { id: 'view-title', tabindex: '-1', text: say('Find tickets') }), form, error, results]);
    if (moveFocus) document.getElementById('q').focus();

    if (asked.q) return search(asked, queryOf(asked, FILTERS), results, error, null);
    return list(asked, results, error);
  }

  function list(asked, results, error) {
    var filters = queryOf(asked, FILTERS);
    var offset = Number(asked.offset) || 0;
    return C.api('GET', '/api/tickets?' + filters + (filters ? '&' : '') + 'limit=' + PAGE + '&offset=' + offset)
      .then(function (page) {
        return C.organisationNames(page.items).then(function () {
          var caption = say('Tickets {from}-{to}, newest first', { from: offset + 1, to: offset + page.items.length });
          var paging = function (to) {
            return '#/find?' + queryOf(Object.assign({}, asked, { offset: to > 0 ? String(to) : '' }), FILTERS.concat(['offset']));
          };
          C.replace(results, [
            page.items.length ? h('p', { class: 'meta', text: caption }) : null,
            C.ticketTable(caption, page.items, say('No ticket matches.')),
            h(
              'nav',
              { class: 'paging', 'aria-label': 'pages' },
              offset > 0 ? h('a', { href: paging(Math.max(0, offset - PAGE)), id: 'newer', text: say('Newer page') }) : null,
              page.items.length === PAGE ? h('a', { href: paging(offset + PAGE), id: 'older', text: say('Older page') }) : null,
            ),
          ]);
        });
      })
      .catch(function (err) {
        error.textContent = err.message;
      });
  }

  // A search answers a page at a time with a cursor; "More results" adds the next page below. A
  // request examines a bounded number of tickets, so a page may be short or empty with more to come.
  function search(asked, filters, results, error, cursor, found, scanned) {
    found = found || [];
    scanned = scanned || 0;
    var path = '/api/tickets/search?q=' + encodeURIComponent(asked.q) + (filters ? '&' + filters : '') + '&limit=' + PAGE;
    return C.api('GET', path + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))
      .then(function (page) {
        var all = found.concat(page.items);
        var checked = scanned + (page.scanned || 0);
        var meta = page.next
          ? say('{n} found among the newest {scanned} checked; more may follow', { n: all.length, scanned: checked })
          : say('{n} found, newest first', { n: all.length });
        return C.organisationNames(all).then(function () {
          C.replace(results, [
            h('p', { class: 'meta', text: meta }),
            C.ticketTable(say('Search results'), all, say('No ticket matches.')),
            page.next
              ? h('button', {
                  type: 'button',
                  id: 'more-results',
                  text: say('More results'),
                  onclick: function () {
                    search(asked, filters, results, error, page.next, all, checked);
                  },
                })
              : null,
          ]);
        });
      })
      .catch(function (err) {
        error.textContent = err.message;
      });
  }

  C.addView('find', /^#\/find(\?|$)/, show);
})(window.DeskConsole);
