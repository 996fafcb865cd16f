// The SLA dashboard of the agent console: a month's attainment per goal, grade and organisation,
// per-agent responses and the backlog by age, read from /api/reports/* with the console's
// session (its cookie), with the same figures as CSV. Bars are plain CSS.
(function () {
  'use strict';
  var GOALS = [
    ['first_response', 'First response'],
    ['next_response', 'Next response'],
    ['resolution', 'Resolution'],
  ];
  var main = document.getElementById('main');

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') el.textContent = attrs.text;
      else if (name.indexOf('on') === 0) el.addEventListener(name.slice(2), attrs[name]);
      else el.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) el.appendChild(child);
    });
    return el;
  }

  function api(path) {
    return fetch(path).then(function (res) {
      if (res.status === 401) {
        signIn();
        throw new Error('signed out');
      }
      if (!res.ok) {
        return res.json().then(function (body) {
          throw new Error(body.message || 'HTTP ' + res.status);
        });
      }
      return res;
    });
  }

  // Not signed in (or the session ended): sign in at the identity provider, which brings the agent back here.
  function signIn() {
    main.replaceChildren(
      h('section', { class: 'sign-in' }, [
        h('h2', { text: 'SLA reports' }),
        h('a', { class: 'button primary', href: '/auth/login?return=' + encodeURIComponent(location.pathname), text: 'Sign in' }),
      ]),
    );
  }

  // The month and the organisation live in the URL's query, so a report can be linked and printed.
  function params() {
    var query = new URLSearchParams(location.search);
    var month = query.get('month') || new Date().toISOString().slice(0, 7);
    return { month: month, orgId: query.get('orgId') || '' };
  }

  function reportQuery(p) {
    return 'month=' + encodeURIComponent(p.month) + (p.orgId ? '&orgId=' + encodeURIComponent(p.orgId) : '');
  }

  function decided(c) {
    return c.met + c.missed + c.resolved_without_response;
  }

  // The same rounding as the CSV (four decimals of a share), shown as a percentage.
  function percent(c) {
    var n = decided(c);
    return n === 0 ? '–' : (Math.round((c.met / n) * 10000) / 100).toFixed(2) + '%';
  }

  function bar(c) {
    var n = decided(c);
    if (n === 0) return null;
    var met = Math.round((c.met / n) * 100);
    return h('span', { class: 'bar', 'aria-hidden': 'true' }, [h('span', { class: 'bar-met', style: 'width:' + met + '%' })]);
  }

  function countsRow(goal, dimension, key, label, c) {
    return h('tr', { 'data-goal': goal, 'data-dimension': dimension, 'data-key': key }, [
      h('th', { scope: 'row', text: label }),
      h('td', { class: 'num', 'data-field': 'met', text: String(c.met) }),
      h('td', { class: 'num', 'data-field': 'missed', text: String(c.missed) }),
      h('td', { class: 'num', 'data-field': 'resolved_without_response', text: String(c.resolved_without_response) }),
      h('td', { class: 'num', 'data-field': 'attainment', text: percent(c) }),
      h('td', {}, [bar(c)]),
    ]);
  }

  function table(caption, rows, first) {
    return h('table', { class: 'report' }, [
      h('caption', { text: caption }),
      h('thead', {}, [
        h('tr', {}, [
          h('th', { scope: 'col', text: first }),
          h('th', { scope: 'col', text: 'Met' }),
          h('th', { scope: 'col', text: 'Missed' }),
          h('th', { scope: 'col', text: 'Resolved without a response' }),
          h('th', { scope: 'col', text: 'Attainment' }),
          h('th', { scope: 'col', text: '' }),
        ]),
      ]),
      h('tbody', {}, rows.length ? rows : [h('tr', {}, [h('td', { colspan: '6', text: 'Nothing decided this month.' })])]),
    ]);
  }

  function sortedKeys(record) {
    return Object.keys(record).sort();
  }

  function render(p, report, backlog) {
    var sections = [];
    sections.push(
      table(
        'Attainment per goal',
        GOALS.map(function (g) {
          return countsRow(g[0], 'all', 'all', g[1], report.goals[g[0]].outcomes);
        }),
        'Goal',
      ),
    );
    GOALS.forEach(function (g) {
      var figures = report.goals[g[0]];
      sections.push(
        table(
          g[1] + ' by grade',
          sortedKeys(figures.byGrade).map(function (k) {
            return countsRow(g[0], 'grade', k, 'Grade ' + k, figures.byGrade[k]);
          }),
          'Grade',
        ),
        table(
          g[1] + ' by category',
          sortedKeys(figures.byCategory).map(function (k) {
            return countsRow(g[0], 'category', k, k, figures.byCategory[k]);
          }),
          'Category',
        ),
        table(
          g[1] + ' by organisation',
          sortedKeys(figures.byOrganisation).map(function (k) {
            return countsRow(g[0], 'organisation', k, k, figures.byOrganisation[k]);
          }),
          'Organisation',
        ),
      );
    });
    var agentRows = [];
    sortedKeys(report.agents).forEach(function (agent) {
      GOALS.forEach(function (g) {
        var c = report.agents[agent][g[0]];
        if (c) agentRows.push(countsRow(g[0], 'agent', agent, agent + ' – ' + g[1].toLowerCase(), c));
      });
    });
    sections.push(table('Responses per agent', agentRows, 'Agent and goal'));
    var csat = report.satisfaction;
    sections.push(
      h('table', { class: 'report', 'data-section': 'satisfaction' }, [
        h('caption', {
          text:
            'Customer satisfaction: ' +
            (csat.count
              ? csat.count + (csat.count === 1 ? ' answer' : ' answers') + ', average ' + csat.average.toFixed(2) + ' of 5'
              : 'no answers'),
        }),
        h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: 'Rating' }), h('th', { scope: 'col', text: 'Answers' })])]),
        h(
          'tbody',
          {},
          ['5', '4', '3', '2', '1'].map(function (r) {
            return h('tr', { 'data-key': r }, [
              h('th', { scope: 'row', text: r }),
              h('td', { class: 'num', text: String(csat.byRating[r]) }),
            ]);
          }),
        ),
      ]),
    );
    sections.push(
      h('table', { class: 'report', 'data-section': 'backlog' }, [
        h('caption', { text: 'Open backlog by age (now)' }),
        h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: 'Age' }), h('th', { scope: 'col', text: 'Open tickets' })])]),
        h(
          'tbody',
          {},
          backlog.ages.map(function (age) {
            return h('tr', { 'data-key': age.label }, [
              h('th', { scope: 'row', text: age.label }),
              h('td', { class: 'num', text: String(age.total) }),
            ]);
          }),
        ),
      ]),
    );
    var fr = report.firstResponse;
    var percentiles =
      fr.count === 0
        ? 'No first responses this month.'
        : fr.count + ' first responses; median within ' + minutes(fr.p50Ms) + ', 90% within ' + minutes(fr.p90Ms) + ' of working time.';

    main.replaceChildren(
      h('h2', { text: 'SLA report ' + p.month + (p.orgId ? ' – ' + p.orgId : '') }),
      h('form', { class: 'report-filter no-print', method: 'get', action: '/agent/reports' }, [
        h('label', { for: 'month', text: 'Month' }),
        h('input', { id: 'month', name: 'month', type: 'month', value: p.month, required: 'required' }),
        h('label', { for: 'orgId', text: 'Organisation id (optional)' }),
        h('input', { id: 'orgId', name: 'orgId', value: p.orgId }),
        h('button', { type: 'submit', text: 'Show' }),
        h('button', { type: 'button', id: 'csv', text: 'Download CSV', onclick: downloadCsv }),
        h('button', {
          type: 'button',
          text: 'Print',
          onclick: function () {
            window.print();
          },
        }),
      ]),
      h('p', { 'data-section': 'percentiles', text: percentiles }),
      h('div', { class: 'report-grid' }, sections),
    );

    function downloadCsv() {
      api('/api/reports/sla.csv?' + reportQuery(p))
        .then(function (res) {
          return res.blob();
        })
        .then(function (blob) {
          var link = h('a', { href: URL.createObjectURL(blob), download: 'sla-' + p.month + (p.orgId ? '-' + p.orgId : '') + '.csv' });
          document.body.appendChild(link);
          link.click();
          link.remove();
        })
        .catch(showError);
    }
  }

  function minutes(ms) {
    if (ms === null) return 'more than 45 h';
    return ms >= 3600000 ? ms / 3600000 + ' h' : ms / 60000 + ' min';
  }

  function showError(err) {
    if (err.message !== 'signed out')
      main.replaceChildren(h('p', { class: 'error', role: 'alert', text: 'The report could not be loaded: ' + err.message }));
  }

  function show() {
    var p = params();
    main.replaceChildren(h('p', { text: 'Loading the report…' }));
    Promise.all([
      api('/api/reports/sla?' + reportQuery(p)).then(function (res) {
        return res.json();
      }),
      api('/api/reports/backlog').then(function (res) {
        return res.json();
      }),
    ])
      .then(function (results) {
        render(p, results[0], results[1]);
      })
      .catch(showError);
  }

  show();
})();
