// Internal notes on the ticket page: a form of their own, and the notes in the conversation
// between the messages, marked as seen by agents only. They are read from their own endpoint and
// never travel with a reply.
(function (C) {
  'use strict';
  var h = C.h;
  var say = C.say;
  C.addPolish({
    'Internal note': 'Notatka wewnętrzna',
    'Note for colleagues (never shown to the customer)': 'Notatka dla współpracowników (klient jej nie zobaczy)',
    'Add note': 'Dodaj notatkę',
    'Internal note · agents only': 'Notatka wewnętrzna · tylko dla agentów',
    'Note added': 'Dodano notatkę',
    'Write the note first.': 'Najpierw wpisz notatkę.',
  });

  var known = { ticketId: null, items: [] };

  function paintNotes(items) {
    var list = document.getElementById('t-messages');
    if (!list) return;
    list.querySelectorAll('.note').forEach(function (el) {
      el.remove();
    });
    items.forEach(function (note) {
      var item = h(
        'li',
        { class: 'message note', 'data-note': note.at },
        h(
          'p',
          { class: 'meta' },
          h('strong', { text: say('Internal note · agents only') }),
          ' · ' + note.author + ' · ',
          h('time', { datetime: note.at, text: C.when(note.at) }),
        ),
        h('p', { class: 'text', text: note.text }),
      );
      var later = Array.prototype.find.call(list.querySelectorAll('li.message:not(.note)'), function (li) {
        var time = li.querySelector('time');
        return time && time.getAttribute('datetime') > note.at;
      });
      list.insertBefore(item, later || null);
      var empty = list.querySelector('li.empty');
      if (empty) empty.remove();
    });
  }

  function notesPath(ticket) {
    return '/api/tickets/' + encodeURIComponent(ticket.id) + '/notes';
  }

  C.addTicketPart({
    build: function (ticket) {
      var text = h('textarea', { id: 'note-text', rows: '3', maxlength: '4000' });
      var error = h('p', { class: 'error', role: 'alert' });
      var form = h(
        'form',
        {
          class: 'card note-form',
          id: 'note-form',
          'aria-labelledby': 'note-title',
          onsubmit: function (e) {
            e.preventDefault();
            error.textContent = '';
            if (!text.value.trim()) {
              error.textContent = say('Write the note first.');
              return text.focus();
            }
            C.api('POST', notesPath(ticket), { text: text.value })
              .then(function () {
                text.value = '';
                C.announce(say('Note added'));
                return C.showTicket(ticket.id, false);
              })
              .catch(function (err) {
                error.textContent = err.message;
              });
          },
        },
        h('h3', { id: 'note-title', text: say('Internal note') }),
        h('label', { for: 'note-text', text: say('Note for colleagues (never shown to the customer)') }),
        text,
        error,
        h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'add-note', text: say('Add note') })),
      );
      var reply = document.getElementById('reply-text').closest('form');
      reply.parentNode.insertBefore(form, reply.nextSibling);
    },
    // The notes go between the messages by time, each marked as internal: at once from those read
    // last (a refresh redraws the messages), then as read again.
    fill: function (ticket) {
      if (known.ticketId === ticket.id) paintNotes(known.items);
      C.api('GET', notesPath(ticket))
        .then(function (r) {
          if (C.state.ticketId !== ticket.id) return;
          known = { ticketId: ticket.id, items: r.items };
          paintNotes(r.items);
        })
        .catch(function () {
          // The notes show again on the next refresh; the conversation itself is already there.
        });
    },
  });
})(window.DeskConsole);
