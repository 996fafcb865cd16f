// The agent console: a small single page over the ticketing REST API. The agent signs in with the
// organisation's identity provider (/auth/login): the session is an HttpOnly cookie, and every
// change carries the session's CSRF token in X-CSRF-Token. Lists refresh on server-sent ticket
// changes, and every 30 s in case a notice was missed.
(function () {
  'use strict';
  // The ticket the agent was opening when sign-in was needed, restored after it.
  var RETURN_KEY = 'desk.returnTo';
  var CATEGORIES = [
    { id: 'technical', name: 'Technical' },
    { id: 'billing', name: 'Billing and subscription' },
    { id: 'presales', name: 'Pre-sales' },
  ];
  var STATUS_NAMES = {
    new: 'new',
    in_progress: 'in progress',
    waiting_on_customer: 'waiting on customer',
    resolved: 'resolved',
    closed: 'closed',
  };
  // The console's own words in Polish; English is the key. User content (titles, messages) is never looked up.
  var POLISH = {
    Actions: 'Działania',
    'Ask the customer (wait for the answer)': 'Zapytaj klienta (czekaj na odpowiedź)',
    'Attach files (sent with "Send reply")': 'Załącz pliki (wysyłane z „Wyślij odpowiedź”)',
    'Back to the queues': 'Wróć do kolejek',
    Cancel: 'Anuluj',
    'Change grade': 'Zmień klasę',
    'Change the grade': 'Zmiana klasy',
    'Claim next ticket': 'Weź następne zgłoszenie',
    'Claim this ticket': 'Weź to zgłoszenie',
    Conversation: 'Rozmowa',
    'Files sent with the request': 'Pliki wysłane ze zgłoszeniem',
    'First-response deadline': 'Termin pierwszej odpowiedzi',
    History: 'Historia',
    'History, oldest first': 'Historia, od najstarszych',
    'Message to the customer (delivered in their chat)': 'Wiadomość do klienta (trafi do jego czatu)',
    'New grade': 'Nowa klasa',
    Queues: 'Kolejki',
    'Reason (lowering)': 'Powód (obniżenie)',
    Reply: 'Odpowiedź',
    'Resolution note': 'Notatka o rozwiązaniu',
    'Send reply': 'Wyślij odpowiedź',
    'Sign in': 'Zaloguj',
    'Sign in with your organisation account': 'Zaloguj się kontem organizacji',
    'Your session has ended. Sign in again.': 'Twoja sesja wygasła. Zaloguj się ponownie.',
    'The console is for agents and supervisors.': 'Konsola jest dla konsultantów i kierowników.',
    'Who agreed (administrator id), the evidence, or why it is raised': 'Kto się zgodził (id administratora), dowód lub powód podniesienia',
    '← Queues': '← Kolejki',
    Resolve: 'Rozwiąż',
    Close: 'Zamknij',
    Reopen: 'Otwórz ponownie',
    'Resume (customer answered)': 'Wznów (klient odpowiedział)',
    'Yes, resolve': 'Tak, rozwiąż',
    'Yes, close': 'Tak, zamknij',
    Grade: 'Klasa',
    Status: 'Status',
    Category: 'Kategoria',
    Organisation: 'Organizacja',
    Contact: 'Kontakt',
    Assignee: 'Przypisane do',
    Opened: 'Otwarte',
    Affected: 'Dotyczy',
    When: 'Kiedy',
    Who: 'Kto',
    What: 'Co',
    Change: 'Zmiana',
    Reason: 'Powód',
    Ticket: 'Zgłoszenie',
    Title: 'Tytuł',
    'First response': 'Pierwsza odpowiedź',
    Technical: 'Techniczne',
    'Billing and subscription': 'Rozliczenia i subskrypcje',
    'Pre-sales': 'Przedsprzedaż',
    new: 'nowe',
    'in progress': 'w toku',
    'waiting on customer': 'czeka na klienta',
    resolved: 'rozwiązane',
    closed: 'zamknięte',
    nobody: 'nikt',
    ' (preferred)': ' (preferowany)',
    'Phone ': 'Telefon ',
    'E-mail ': 'E-mail ',
    'Due: ': 'Termin: ',
    'Signed in as ': 'Zalogowano jako ',
    'Write a resolution note: what solved the problem.': 'Wpisz notatkę o rozwiązaniu: co rozwiązało problem.',
    '{id}? The note stays in its history.': '{id}? Notatka zostanie w historii.',
    '{id}? It can only be reopened afterwards.': '{id}? Potem można je tylko otworzyć ponownie.',
    '{name} queue ({n})': 'Kolejka: {name} ({n})',
    'My open tickets ({n})': 'Moje otwarte zgłoszenia ({n})',
    'Nothing waiting.': 'Nic nie czeka.',
    'No open tickets assigned to you.': 'Nie masz przypisanych otwartych zgłoszeń.',
    Language: 'Język',
    'Sign out': 'Wyloguj',
    'SLA reports': 'Raporty SLA',
    'Find tickets': 'Szukaj zgłoszeń',
    Knowledge: 'Baza wiedzy',
    'Saved replies': 'Gotowe odpowiedzi',
  };
  var LANG_KEY = 'desk.language';
  var lang = localStorage.getItem(LANG_KEY) === 'pl' ? 'pl' : 'en';
  function say(english, values) {
    var text = (lang === 'pl' && POLISH[english]) || english;
    Object.keys(values || {}).forEach(function (key) {
      text = text.replace('{' + key + '}', values[key]);
    });
    return text;
  }
  var main = document.getElementById('main');
  var announcer = document.getElementById('announcer');
  var state = { csrf: null, me: null, orgNames: {}, view: null, ticketId: null, events: null };

  // ---- small DOM helpers (text is always set as text, never parsed as HTML) ----
  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') el.textContent = value;
      else if (key.indexOf('on') === 0) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : value);
    });
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child))
      child.forEach(function (c) {
        append(el, c);
      });
    else el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  function replace(el, child) {
    el.textContent = '';
    append(el, child);
  }
  function announce(text) {
    announcer.textContent = '';
    setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }
  // Times in the agent's own time zone (the browser's) and language.
  function when(iso) {
    if (!iso) return '–';
    var options = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
    return new Date(iso).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB', options);
  }

  // ---- API ----
  // The session cookie goes by itself; a change also carries the CSRF token, which a page of another site cannot read.
  function sessionHeaders(method) {
    return method === 'GET' ? {} : { 'X-CSRF-Token': state.csrf || '' };
  }
  function api(method, path, body) {
    var headers = sessionHeaders(method);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(
      function (res) {
        return res.text().then(function (text) {
          var data = text ? JSON.parse(text) : null;
          if (res.status === 401) {
            signOut(say('Your session has ended. Sign in again.'));
            throw new Error('signed out');
          }
          if (!res.ok) throw apiError(res.status, data);
          return data;
        });
      },
    );
  }

  // A refused request's error: the server's words, or the console's own for its code (DeskConsole.errorTexts).
  function apiError(status, data) {
    var code = data && data.error;
    var own = lang === 'pl' && code && errorTexts[code];
    var theirs = (data && data.message) || 'the request failed (' + status + ')';
    var err = new Error(own ? (/: $/.test(own) ? own + theirs : own) : theirs);
    err.code = code;
    err.status = status;
    return err;
  }
  var errorTexts = {};

  // ---- files: fetched with the session and handed to the browser as a download ----
  function download(ticketId, file) {
    return fetch('/api/tickets/' + encodeURIComponent(ticketId) + '/attachments/' + encodeURIComponent(file.id)).then(function (res) {
      if (!res.ok) throw new Error('the file could not be downloaded (' + res.status + ')');
      return res.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = h('a', { href: url, download: file.name, hidden: true });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () {
          URL.revokeObjectURL(url);
        }, 60000);
      });
    });
  }
  function upload(ticketId, files) {
    var form = new FormData();
    Array.prototype.forEach.call(files, function (f) {
      form.append('file', f, f.name);
    });
    return fetch('/api/tickets/' + encodeURIComponent(ticketId) + '/attachments', {
      method: 'POST',
      headers: sessionHeaders('POST'),
      body: form,
    }).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) throw new Error((data && data.message) || 'the upload failed (' + res.status + ')');
        return data;
      });
    });
  }
  function size(bytes) {
    return bytes < 1024 * 1024 ? Math.max(1, Math.round(bytes / 1024)) + ' KB' : (bytes / (1024 * 1024)).toFixed(1) + ' MB';
  }
  // A message's files: a download button each, and the files that were refused with the reason.
  function fileList(ticketId, attachments, refused) {
    if (!(attachments && attachments.length) && !(refused && refused.length)) return null;
    return h(
      'ul',
      { class: 'files' },
      (attachments || []).map(function (file) {
        var error = h('span', { class: 'error', role: 'alert' });
        return h(
          'li',
          {},
          h('button', {
            type: 'button',
            class: 'file',
            'data-attachment': file.id,
            text: 'Download ' + file.name + ' (' + size(file.size) + ')',
            onclick: function () {
              error.textContent = '';
              download(ticketId, file).catch(function (err) {
                error.textContent = err.message;
              });
            },
          }),
          error,
        );
      }),
      (refused || []).map(function (file) {
        return h('li', { class: 'refused', text: 'Not accepted: ' + file.name + ' – ' + file.reason });
      }),
    );
  }

  function organisationNames(tickets) {
    var missing = tickets
      .map(function (t) {
        return t.orgId;
      })
      .filter(function (id, i, all) {
        return !(id in state.orgNames) && all.indexOf(id) === i;
      });
    if (!missing.length) return Promise.resolve();
    return api('GET', '/api/console/organisation-names?ids=' + encodeURIComponent(missing.join(','))).then(function (r) {
      missing.forEach(function (id) {
        state.orgNames[id] = r.names[id] || id;
      });
    });
  }

  // ---- deadlines ----
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400),
      hh = Math.floor((s % 86400) / 3600),
      mm = Math.floor((s % 3600) / 60),
      ss = s % 60;
    if (d) return d + ' d ' + hh + ' h ' + mm + ' min';
    if (hh) return hh + ' h ' + String(mm).padStart(2, '0') + ' min ' + String(ss).padStart(2, '0') + ' s';
    return mm + ' min ' + String(ss).padStart(2, '0') + ' s';
  }
  // The first-response clock as a person reads it: time left, paused, answered, or breached.
  function deadlineText(sla, status, now) {
    if (sla.firstResponseAt)
      return { text: 'answered ' + when(sla.firstResponseAt) + (sla.met === false ? ' (late)' : ''), breached: false };
    if (status === 'resolved' || status === 'closed') return { text: 'no longer running', breached: false };
    if (!sla.dueAt) return { text: 'paused (waiting on the customer)', breached: false };
    var left = new Date(sla.dueAt).getTime() - now;
    if (sla.breached || left <= 0) return { text: 'overdue by ' + span(left), breached: true };
    return { text: span(left) + ' left', breached: false };
  }
  function countdown(ticket) {
    var el = h('span', { class: 'countdown', 'data-sla': JSON.stringify(ticket.sla), 'data-status': ticket.status });
    paintCountdown(el, Date.now());
    return el;
  }
  function paintCountdown(el, now) {
    var d = deadlineText(JSON.parse(el.getAttribute('data-sla')), el.getAttribute('data-status'), now);
    el.textContent = d.text;
    el.classList.toggle('breached', d.breached);
    var row = el.closest('tr');
    if (row) row.classList.toggle('is-breached', d.breached);
  }
  setInterval(function () {
    var now = Date.now();
    document.querySelectorAll('.countdown').forEach(function (el) {
      paintCountdown(el, now);
    });
  }, 1000);

  // ---- sign-in ----
  // Sign-in happens at the organisation's identity provider; the page it returns to is kept here.
  function renderSignIn(message) {
    state.view = 'signin';
    document.getElementById('who').hidden = true;
    var link = h('a', {
      class: 'button primary',
      id: 'sign-in',
      href: '/auth/login?return=' + encodeURIComponent(location.pathname),
      text: say('Sign in with your organisation account'),
      onclick: function () {
        sessionStorage.setItem(RETURN_KEY, location.hash);
      },
    });
    replace(
      main,
      h(
        'section',
        { class: 'card signin', 'aria-labelledby': 'signin-title' },
        h('h2', { id: 'signin-title', text: say('Sign in') }),
        h('p', { class: 'error', role: 'alert', id: 'signin-error', text: message || '' }),
        link,
      ),
    );
    link.focus();
  }

  function signOut(message) {
    state.csrf = null;
    state.me = null;
    if (state.events) state.events.abort();
    state.events = null;
    renderSignIn(message);
  }
  document.getElementById('sign-out').addEventListener('click', function () {
    fetch('/auth/logout', { method: 'POST', headers: sessionHeaders('POST') }).finally(function () {
      signOut();
    });
  });

  function start(me) {
    if (me.role !== 'agent' && me.role !== 'supervisor') return renderSignIn(say('The console is for agents and supervisors.'));
    state.me = me;
    state.csrf = me.csrfToken;
    var back = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    if (back && !location.hash) history.replaceState(null, '', back);
    document.getElementById('who').hidden = false;
    document.getElementById('who-name').textContent = say('Signed in as ') + (me.name || me.id);
    listen();
    route();
  }

  // ---- views ----
  function route() {
    if (!state.me) return;
    var match = /^#\/tickets\/([^/]+)$/.exec(location.hash);
    var view = views.find(function (v) {
      return v.hash.test(location.hash);
    });
    if (match) showTicket(decodeURIComponent(match[1]), true);
    else if (view) {
      state.view = view.name;
      state.ticketId = null;
      view.show(true);
    } else showQueues(true);
  }
  window.addEventListener('hashchange', route);

  // Views and ticket-page parts added by the console's other scripts (workspace.js).
  var views = [];
  var ticketParts = [];

  function ticketLink(ticket) {
    return h('a', { href: '#/tickets/' + encodeURIComponent(ticket.id), text: ticket.id });
  }

  function ticketTable(caption, tickets, empty) {
    if (!tickets.length) return h('p', { class: 'empty', text: empty });
    return h(
      'table',
      { class: 'tickets' },
      h('caption', { class: 'sr-only', text: caption }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Grade', 'Ticket', 'Title', 'Organisation', 'Status', 'First response'].map(function (c) {
            return h('th', { scope: 'col', text: say(c) });
          }),
        ),
      ),
      h(
        'tbody',
        {},
        tickets.map(function (t) {
          var row = h(
            'tr',
            { 'data-ticket': t.id },
            h('td', {}, h('span', { class: 'grade grade-' + t.grade, text: t.grade })),
            h('td', {}, ticketLink(t)),
            h('td', { text: t.title }),
            h('td', { text: state.orgNames[t.orgId] || t.orgId }),
            h('td', { text: say(STATUS_NAMES[t.status] || t.status) }),
            h('td', {}, countdown(t)),
          );
          paintCountdown(row.querySelector('.countdown'), Date.now()); // marks the row itself when breached
          return row;
        }),
      ),
    );
  }

  function showQueues(moveFocus) {
    state.view = 'queues';
    state.ticketId = null;
    var queues = Promise.all(
      CATEGORIES.map(function (c) {
        return api('GET', '/api/queues/' + c.id + '?limit=100');
      }),
    );
    var mine = Promise.all(
      ['in_progress', 'waiting_on_customer', 'new'].map(function (s) {
        return api('GET', '/api/tickets?status=' + s + '&limit=200');
      }),
    );
    return Promise.all([queues, mine])
      .then(function (r) {
        var myTickets = [].concat
          .apply(
            [],
            r[1].map(function (page) {
              return page.items;
            }),
          )
          .filter(function (t) {
            return t.assignee === state.me.id;
          });
        var all = [].concat.apply(
          myTickets,
          r[0].map(function (q) {
            return q.items;
          }),
        );
        return organisationNames(all).then(function () {
          if (state.view !== 'queues') return;
          var focused = document.activeElement && document.activeElement.getAttribute('href');
          var claimMsg = h('p', { class: 'error', role: 'alert', id: 'claim-error' });
          replace(main, [
            h(
              'div',
              { class: 'bar' },
              h('h2', { id: 'view-title', tabindex: '-1', text: say('Queues') }),
              h('button', {
                type: 'button',
                class: 'primary',
                id: 'claim-next',
                onclick: function () {
                  claimNext(claimMsg);
                },
                text: say('Claim next ticket'),
              }),
            ),
            claimMsg,
            h(
              'section',
              { 'aria-labelledby': 'mine-title', class: 'card' },
              h('h3', { id: 'mine-title', text: say('My open tickets ({n})', { n: myTickets.length }) }),
              ticketTable('My open tickets', myTickets, say('No open tickets assigned to you.')),
            ),
            r[0].map(function (q, i) {
              var c = CATEGORIES[i];
              return h(
                'section',
                { 'aria-labelledby': 'queue-' + c.id, class: 'card queue', 'data-queue': c.id },
                h('h3', { id: 'queue-' + c.id, text: say('{name} queue ({n})', { name: say(c.name), n: q.items.length }) }),
                ticketTable(c.name + ' queue, most urgent first', q.items, say('Nothing waiting.')),
              );
            }),
          ]);
          var again = focused && main.querySelector('a[href="' + focused + '"]');
          if (again) again.focus();
          else if (moveFocus) document.getElementById('view-title').focus();
        });
      })
      .catch(showError);
  }

  function claimNext(message) {
    message.textContent = '';
    api('POST', '/api/queues/claim', {
      categories: CATEGORIES.map(function (c) {
        return c.id;
      }),
    })
      .then(function (r) {
        if (!r.ticket) message.textContent = 'The queues are empty: there is nothing to claim.';
        else {
          announce('Claimed ' + r.ticket.id);
          location.hash = '#/tickets/' + encodeURIComponent(r.ticket.id);
        }
      })
      .catch(function (err) {
        message.textContent = err.message;
      });
  }

  function showTicket(id, fresh) {
    state.view = 'ticket';
    if (state.ticketId !== id) fresh = true;
    state.ticketId = id;
    return Promise.all([
      api('GET', '/api/tickets/' + encodeURIComponent(id)),
      api('GET', '/api/tickets/' + encodeURIComponent(id) + '/history?locale=' + lang),
    ])
      .then(function (r) {
        return organisationNames([r[0]]).then(function () {
          if (state.view !== 'ticket' || state.ticketId !== id) return;
          if (fresh || !document.getElementById('ticket-page')) {
            buildTicketPage(r[0]);
            ticketParts.forEach(function (part) {
              part.build(r[0]);
            });
          }
          fillTicket(r[0], r[1]);
          ticketParts.forEach(function (part) {
            part.fill(r[0], r[1]);
          });
          if (fresh) document.getElementById('view-title').focus();
        });
      })
      .catch(showError);
  }

  // The page's frame and forms are built once per ticket, so a live refresh never loses what the agent is typing.
  function buildTicketPage(ticket) {
    var replyText = h('textarea', { id: 'reply-text', rows: '4', maxlength: '4000' });
    var replyFiles = h('input', { id: 'reply-files', type: 'file', multiple: true });
    var replyError = h('p', { class: 'error', role: 'alert' });
    var send = function (ask) {
      var text = replyText.value.trim();
      var files = replyFiles.files;
      replyError.textContent = '';
      if (!text && !(files.length && !ask)) {
        replyError.textContent = 'Write the message first.';
        replyText.focus();
        return;
      }
      if (ask && files.length) {
        replyError.textContent = 'Files go with "Send reply"; ask the question without them.';
        return;
      }
      var path = '/api/tickets/' + encodeURIComponent(ticket.id);
      // The files are checked and kept first; the reply carries those accepted, the others are named.
      var uploaded = files.length ? upload(ticket.id, files) : Promise.resolve({ attachments: [], refused: [] });
      // Waiting on the customer is always on a question: the question and the pause are one request.
      var sent = uploaded.then(function (u) {
        var refused = u.refused.map(function (r) {
          return r.name + ': ' + r.reason;
        });
        if (!text && !u.attachments.length) throw new Error('Not accepted: ' + refused.join('; '));
        return (
          ask && state.ticket.status !== 'waiting_on_customer'
            ? api('POST', path + '/status', { status: 'waiting_on_customer', question: text })
            : api('POST', path + '/replies', {
                text: text,
                attachments: u.attachments.map(function (a) {
                  return a.id;
                }),
              })
        ).then(function (t) {
          if (refused.length) replyError.textContent = 'Sent without: ' + refused.join('; ');
          return t;
        });
      });
      sent
        .then(function (t) {
          replyText.value = '';
          replyFiles.value = '';
          announce(ask ? 'Question sent; the ticket waits on the customer' : 'Reply sent');
          return showTicket(t.id, false);
        })
        .catch(function (err) {
          replyError.textContent = err.message;
        });
    };
    var gradeSelect = h(
      'select',
      { id: 'grade-select' },
      ['A', 'B', 'C'].map(function (g) {
        return h('option', { value: g, text: g });
      }),
    );
    var LOWERING = [
      ['', 'raising (no reason needed)'],
      ['customer_not_responding', 'customer not responding'],
      ['agreed_with_customer', 'agreed with the customer'],
      ['wrong_initial_grade', 'wrong initial grade'],
    ];
    var gradeReason = h(
      'select',
      { id: 'grade-reason' },
      LOWERING.map(function (r) {
        return h('option', { value: r[0], text: r[1] });
      }),
    );
    var gradeDetail = h('input', { id: 'grade-detail', type: 'text', maxlength: '2000' });
    var gradeError = h('p', { class: 'error', role: 'alert' });

    replace(
      main,
      h(
        'article',
        { id: 'ticket-page' },
        h('p', {}, h('a', { href: '#/', text: say('← Queues') })),
        h('div', { id: 't-head' }),
        h(
          'div',
          { class: 'columns' },
          h(
            'div',
            { class: 'col-main' },
            h(
              'section',
              { class: 'card', 'aria-labelledby': 'conv-title' },
              h('h3', { id: 'conv-title', text: say('Conversation') }),
              h('div', { id: 't-request-files' }),
              h('ol', { class: 'messages', id: 't-messages' }),
            ),
            h(
              'form',
              {
                class: 'card',
                'aria-labelledby': 'reply-title',
                onsubmit: function (e) {
                  e.preventDefault();
                  send(false);
                },
              },
              h('h3', { id: 'reply-title', text: say('Reply') }),
              h('label', { for: 'reply-text', text: say('Message to the customer (delivered in their chat)') }),
              replyText,
              h('label', { for: 'reply-files', text: say('Attach files (sent with "Send reply")') }),
              replyFiles,
              replyError,
              h(
                'div',
                { class: 'buttons' },
                h('button', { type: 'submit', class: 'primary', id: 'send-reply', text: say('Send reply') }),
                h('button', {
                  type: 'button',
                  id: 'ask-customer',
                  onclick: function () {
                    send(true);
                  },
                  text: say('Ask the customer (wait for the answer)'),
                }),
              ),
            ),
            h(
              'section',
              { class: 'card', 'aria-labelledby': 'hist-title' },
              h('h3', { id: 'hist-title', text: say('History') }),
              h('div', { id: 't-history' }),
            ),
          ),
          h(
            'div',
            { class: 'col-side' },
            h(
              'section',
              { class: 'card', 'aria-labelledby': 'deadline-title' },
              h('h3', { id: 'deadline-title', text: say('First-response deadline') }),
              h('div', { id: 't-deadline' }),
            ),
            h(
              'section',
              { class: 'card', 'aria-labelledby': 'actions-title' },
              h('h3', { id: 'actions-title', text: say('Actions') }),
              h('div', { id: 't-actions', class: 'buttons' }),
              h('div', { id: 't-confirm' }),
              h('p', { class: 'error', role: 'alert', id: 'actions-error' }),
            ),
            h(
              'form',
              {
                class: 'card',
                id: 'grade-form',
                'aria-labelledby': 'grade-title',
                onsubmit: function (e) {
                  e.preventDefault();
                  gradeError.textContent = '';
                  // The detail is who agreed (an administrator id), the evidence, or a raise's own words.
                  var detail = gradeDetail.value.trim() || undefined;
                  var reason = gradeReason.value;
                  var body = { grade: gradeSelect.value, reason: reason || detail };
                  if (reason === 'agreed_with_customer') body.agreedBy = detail;
                  if (reason === 'wrong_initial_grade') body.evidence = detail;
                  api('POST', '/api/tickets/' + encodeURIComponent(ticket.id) + '/grade', body)
                    .then(function (t) {
                      gradeReason.value = '';
                      gradeDetail.value = '';
                      announce('Grade changed to ' + t.grade);
                      return showTicket(t.id, false);
                    })
                    .catch(function (err) {
                      gradeError.textContent = err.message;
                    });
                },
              },
              h('h3', { id: 'grade-title', text: say('Change the grade') }),
              h('label', { for: 'grade-select', text: say('New grade') }),
              gradeSelect,
              h('label', { for: 'grade-reason', text: say('Reason (lowering)') }),
              gradeReason,
              h('label', { for: 'grade-detail', text: say('Who agreed (administrator id), the evidence, or why it is raised') }),
              gradeDetail,
              gradeError,
              h('button', { type: 'submit', id: 'change-grade', text: say('Change grade') }),
            ),
          ),
        ),
      ),
    );
    gradeSelect.value = ticket.grade;
  }

  function fillTicket(ticket, history) {
    state.ticket = ticket;
    replace(document.getElementById('t-head'), [
      h('h2', { id: 'view-title', tabindex: '-1' }, ticket.id + ' · ' + ticket.title),
      h(
        'dl',
        { class: 'facts' },
        fact('Grade', h('span', { class: 'grade grade-' + ticket.grade, text: ticket.grade })),
        fact('Status', say(STATUS_NAMES[ticket.status] || ticket.status)),
        fact(
          'Category',
          say(
            (
              CATEGORIES.find(function (c) {
                return c.id === ticket.category;
              }) || { name: ticket.category }
            ).name,
          ),
        ),
        fact('Organisation', state.orgNames[ticket.orgId] || ticket.orgId),
        fact('Contact', contactDetails(ticket.contact)),
        fact('Assignee', ticket.assignee || say('nobody')),
        fact('Opened', when(ticket.createdAt)),
        fact('Affected', ticket.affected || '–'),
      ),
      h('p', { class: 'description', text: ticket.description }),
    ]);

    replace(
      document.getElementById('t-deadline'),
      [
        h('p', { class: 'big' }, countdown(ticket)),
        h('p', { text: say('Due: ') + when(ticket.sla.dueAt) }),
        h('p', { class: 'explain', text: history.deadline.summary }),
        history.deadline.steps.length
          ? h(
              'ol',
              { class: 'steps' },
              history.deadline.steps.map(function (s) {
                return h('li', { text: s.text });
              }),
            )
          : null,
      ].concat(
        // The next-response and resolution goals, explained in the same words (those the policy measures).
        history.goals
          .filter(function (g) {
            return g.state !== 'not_running' || g.results.length > 0;
          })
          .map(function (g) {
            return h('p', { class: 'explain', 'data-goal': g.goal, text: g.summary });
          }),
      ),
    );

    replace(
      document.getElementById('t-messages'),
      ticket.messages.length
        ? ticket.messages.map(function (m, i) {
            return h(
              'li',
              { class: 'message from-' + m.from + (m.author === 'desk' ? ' notice' : '') },
              h(
                'p',
                { class: 'meta' },
                h('strong', { text: m.from === 'customer' ? 'Customer' : m.author === 'desk' ? 'Desk (automatic)' : 'Agent ' + m.author }),
                ' · ',
                h('time', { datetime: m.at, text: when(m.at) }),
              ),
              h('p', { class: 'text', text: m.text }),
              fileList(ticket.id, m.attachments, m.refusedFiles),
              m.delivery ? deliveryLine(ticket, m.delivery, i + 1) : null,
            );
          })
        : h('li', { class: 'empty', text: 'No messages yet. The request: ' + ticket.description }),
    );
    var requestFiles = fileList(ticket.id, ticket.attachments, ticket.refusedFiles);
    replace(
      document.getElementById('t-request-files'),
      requestFiles &&
        h('div', { class: 'request-files' }, h('p', { class: 'meta', text: say('Files sent with the request') }), requestFiles),
    );

    replace(
      document.getElementById('t-history'),
      h(
        'table',
        { class: 'history' },
        h('caption', { class: 'sr-only', text: say('History, oldest first') }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['When', 'Who', 'What', 'Change', 'Reason'].map(function (c) {
              return h('th', { scope: 'col', text: say(c) });
            }),
          ),
        ),
        h(
          'tbody',
          {},
          history.history.map(function (e) {
            var change =
              e.deadlineAfter !== undefined || e.deadlineBefore !== undefined
                ? 'deadline ' + when(e.deadlineBefore) + ' → ' + when(e.deadlineAfter)
                : e.from || e.to
                  ? (e.from || '–') + ' → ' + (e.to || '–')
                  : '';
            return h(
              'tr',
              {},
              h('td', { text: when(e.at) }),
              h('td', { text: e.actor }),
              h('td', { text: e.kind.replace(/_/g, ' ') }),
              h('td', { text: change }),
              h('td', { text: e.reason || '' }),
            );
          }),
        ),
      ),
    );

    var actions = document.getElementById('t-actions');
    var path = '/api/tickets/' + encodeURIComponent(ticket.id);
    var confirmBox = document.getElementById('t-confirm');
    var run = function (label, suffix, body) {
      document.getElementById('actions-error').textContent = '';
      return api('POST', path + suffix, body)
        .then(function (t) {
          replace(confirmBox, null);
          announce(label + ': done');
          return showTicket(t.id, false);
        })
        .catch(function (err) {
          document.getElementById('actions-error').textContent = err.message;
        });
    };
    var act = function (label, id, suffix, body) {
      return h('button', {
        type: 'button',
        id: id,
        onclick: function () {
          run(label, suffix, body);
        },
        text: say(label),
      });
    };
    // Resolve and close end the customer's case: each asks first, and resolving needs a note for the history.
    var confirmed = function (label, id, suffix, question, withNote) {
      return h('button', {
        type: 'button',
        id: id,
        text: say(label),
        onclick: function () {
          var note = withNote ? h('textarea', { id: 'resolution-note', rows: '3', maxlength: '500' }) : null;
          var yes = h('button', { type: 'submit', class: 'primary', text: say('Yes, ' + label.toLowerCase()) });
          replace(
            confirmBox,
            h(
              'form',
              {
                class: 'confirm',
                'aria-labelledby': 'confirm-question',
                onsubmit: function (e) {
                  e.preventDefault();
                  var reason = note ? note.value.trim() : undefined;
                  if (note && !reason) {
                    document.getElementById('actions-error').textContent = say('Write a resolution note: what solved the problem.');
                    return note.focus();
                  }
                  run(label, suffix, reason ? { reason: reason } : {});
                },
              },
              h('p', { id: 'confirm-question', text: question }),
              note ? [h('label', { for: 'resolution-note', text: say('Resolution note') }), note] : null,
              h(
                'div',
                { class: 'buttons' },
                yes,
                h('button', {
                  type: 'button',
                  text: say('Cancel'),
                  onclick: function () {
                    document.getElementById('actions-error').textContent = '';
                    replace(confirmBox, null);
                  },
                }),
              ),
            ),
          );
          (note || yes).focus();
        },
      });
    };
    var open = ticket.status !== 'resolved' && ticket.status !== 'closed';
    replace(actions, [
      !ticket.assignee && open ? act('Claim this ticket', 'claim-ticket', '/assign', { agentId: state.me.id }) : null,
      ticket.status === 'waiting_on_customer' ? act('Resume (customer answered)', 'resume', '/status', { status: 'in_progress' }) : null,
      open
        ? confirmed(
            'Resolve',
            'resolve',
            '/resolve',
            say('Resolve') + ' ' + say('{id}? The note stays in its history.', { id: ticket.id }),
            true,
          )
        : null,
      ticket.status === 'resolved'
        ? confirmed(
            'Close',
            'close',
            '/close',
            say('Close') + ' ' + say('{id}? It can only be reopened afterwards.', { id: ticket.id }),
            false,
          )
        : null,
      !open ? act('Reopen', 'reopen', '/reopen', {}) : null,
    ]);
    // A resolved or closed ticket keeps its grade: the service refuses the change, so the form goes.
    document.getElementById('grade-form').hidden = !open;
  }

  /** The customer's phone and e-mail, the method they asked to be reached by first and marked. */
  function contactDetails(contact) {
    if (!contact) return '–';
    var ways = [
      contact.phone && { method: 'phone', label: say('Phone '), href: 'tel:' + contact.phone.replace(/\s+/g, ''), value: contact.phone },
      contact.email && { method: 'email', label: say('E-mail '), href: 'mailto:' + contact.email, value: contact.email },
    ]
      .filter(Boolean)
      .sort(function (a, b) {
        return (b.method === contact.preferred) - (a.method === contact.preferred);
      });
    return h(
      'ul',
      { class: 'contact', id: 't-contact' },
      ways.map(function (w) {
        return h(
          'li',
          {},
          w.label,
          h('a', { href: w.href, text: w.value }),
          w.method === contact.preferred ? h('strong', { text: say(' (preferred)') }) : null,
        );
      }),
    );
  }

  // Where an outbound message got to; a failed one can be sent again (to the chat first, then by e-mail).
  function deliveryLine(ticket, d, number) {
    var how = d.channel === 'email' ? 'by e-mail' + (d.to ? ' to ' + d.to : '') : 'in the chat';
    var text;
    if (d.state === 'delivered') text = 'Delivered ' + how + ' · ' + when(d.at);
    else if (d.state === 'sent') text = 'Sent ' + how + ', waiting for the answer (attempt ' + d.attempts + ')';
    else if (d.state === 'failed') text = 'Failed: ' + d.reason;
    else if (d.reason) text = 'Retrying ' + how + ' at ' + when(d.dueAt) + ' · last attempt: ' + d.reason;
    else text = 'Queued ' + how;
    var retry =
      d.state === 'failed'
        ? h('button', {
            type: 'button',
            class: 'retry',
            id: 'retry-' + number,
            onclick: function () {
              var path = '/api/tickets/' + encodeURIComponent(ticket.id) + '/messages/' + number + '/retry';
              api('POST', path, {})
                .then(function (t) {
                  announce('Message ' + number + ' queued again');
                  return showTicket(t.id, false);
                })
                .catch(function (err) {
                  document.getElementById('actions-error').textContent = err.message;
                });
            },
            text: 'Try again',
          })
        : null;
    var chatFailed = d.fallback ? h('span', { class: 'chat-failed', text: 'Failed in the chat: ' + d.fallback + ' · ' }) : null;
    return h('p', { class: 'delivery delivery-' + d.state, 'data-state': d.state }, chatFailed, h('span', { text: text }), retry);
  }

  function fact(name, value) {
    return [h('dt', { text: say(name) }), h('dd', {}, value)];
  }

  function showError(err) {
    if (err.message === 'signed out') return;
    replace(main, [
      h('p', { class: 'error', role: 'alert', text: 'Something went wrong: ' + err.message }),
      h('p', {}, h('a', { href: '#/', text: say('Back to the queues') })),
    ]);
  }

  // ---- live changes: server-sent events read with fetch (the session cookie goes with it) ----
  var refreshTimer = null;
  function refreshSoon(change) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      var view = views.find(function (v) {
        return v.name === state.view;
      });
      if (state.view === 'queues') showQueues(false);
      else if (view) view.show(false);
      else if (state.view === 'ticket' && (!change || change.ticketId === state.ticketId)) {
        showTicket(state.ticketId, false);
        if (change && change.kind === 'changed') announce('Ticket ' + change.ticketId + ' was updated');
      }
    }, 250);
  }
  setInterval(function () {
    if (state.me) refreshSoon(null);
  }, 30000);

  function listen() {
    var controller = new AbortController();
    state.events = controller;
    var live = document.getElementById('live');
    fetch('/api/events', { signal: controller.signal })
      .then(function (res) {
        if (!res.ok) throw new Error('events ' + res.status);
        live.classList.add('on');
        live.title = 'Live updates: on';
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('events ended');
            buffer += decoder.decode(chunk.value, { stream: true });
            var parts = buffer.split('\n\n');
            buffer = parts.pop();
            parts.forEach(function (block) {
              var data = block
                .split('\n')
                .filter(function (l) {
                  return l.indexOf('data: ') === 0;
                })
                .map(function (l) {
                  return l.slice(6);
                })
                .join('\n');
              if (data) refreshSoon(JSON.parse(data));
            });
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        live.classList.remove('on');
        live.title = 'Live updates: reconnecting';
        if (state.events === controller)
          setTimeout(function () {
            if (state.events === controller) listen();
          }, 3000);
      });
  }

  // ---- language: the agent's choice, kept in this browser ----
  function paintFrame() {
    document.documentElement.lang = lang;
    document.getElementById('sign-out').textContent = say('Sign out');
    if (state.me) document.getElementById('who-name').textContent = say('Signed in as ') + (state.me.name || state.me.id);
    document.querySelectorAll('.pages a').forEach(function (a, i) {
      a.textContent = say(['Queues', 'SLA reports', 'Find tickets', 'Knowledge', 'Saved replies'][i] || a.textContent);
    });
  }
  var languages = h(
    'select',
    {
      id: 'language',
      'aria-label': 'Language / Język',
      onchange: function () {
        lang = languages.value;
        localStorage.setItem(LANG_KEY, lang);
        paintFrame();
        if (state.me) route();
        else renderSignIn();
      },
    },
    h('option', { value: 'en', text: 'English' }),
    h('option', { value: 'pl', text: 'Polski' }),
  );
  languages.value = lang;
  document.querySelector('.top').insertBefore(languages, document.getElementById('who'));
  paintFrame();

  // ---- what the console's other scripts build on ----
  window.DeskConsole = {
    h: h,
    append: append,
    replace: replace,
    api: api,
    say: say,
    when: when,
    announce: announce,
    state: state,
    main: main,
    ticketTable: ticketTable,
    organisationNames: organisationNames,
    showTicket: showTicket,
    showError: showError,
    lang: function () {
      return lang;
    },
    /** Polish words for the other scripts' English ones. */
    addPolish: function (words) {
      Object.keys(words).forEach(function (k) {
        POLISH[k] = words[k];
      });
    },
    /** Polish texts for the API's error codes (its own messages are English). */
    addErrorTexts: function (texts) {
      Object.keys(texts).forEach(function (k) {
        errorTexts[k] = texts[k];
      });
    },
    /** A view at a hash (#/find...): show(moveFocus) renders it into main, and again on live changes. */
    addView: function (name, hash, show) {
      views.push({ name: name, hash: hash, show: show });
    },
    /** A part of the ticket page: build(ticket) once per ticket page, fill(ticket, history) on every refresh. */
    addTicketPart: function (part) {
      ticketParts.push(part);
    },
  };

  // ---- start ----
  // The console's other scripts run after this one and register first: the start waits a tick for them.
  setTimeout(begin, 0);
  // A live session goes straight in; none, to the sign-in card.
  function begin() {
    api('GET', '/api/console/me')
      .then(start)
      .catch(function () {
        signOut();
      });
  }
})();
